package dev.sockjs.harness.browser;

import dev.sockjs.harness.DemoServer;
import dev.sockjs.harness.cluster.DemoCluster;
import dev.sockjs.harness.relay.Brokers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo page in two Chromium browsers, each on a node of its own (different transports), the two nodes
 * relaying to RabbitMQ: one chat, one member list, private messages between the nodes.
 */
class DemoClusterInChromiumTest {

    private static DemoCluster cluster;
    private static Chromium first;
    private static Chromium second;

    @BeforeAll
    static void start() throws Exception {
        cluster = DemoCluster.start(2, 0, DemoCluster.rabbitMq(Brokers.RABBITMQ.port()), DemoServer.defaultWar(),
                DemoCluster.defaultNginxConfig());
        first = new Chromium();
        second = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {second, first, cluster}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    @Test
    void browsersOnTwoNodesShareTheChatItsMembersAndWhispers() {
        DemoPage ann = new DemoPage(first).open(cluster.nodes().get(0).url(), "websocket");
        DemoPage bob = new DemoPage(second).open(cluster.nodes().get(1).url(), "xhr-streaming");
        ann.join("ann", "cluster");
        bob.join("bob", "cluster");
        ann.awaitMembers(List.of("ann", "bob"));
        bob.awaitMembers(List.of("ann", "bob"));

        ann.say("hello from node 1");
        bob.awaitMessage("message", "ann", "hello from node 1");
        bob.whisper("ann", "psst, from node 2");
        ann.awaitMessage("private", "bob", "psst, from node 2");
    }
}
