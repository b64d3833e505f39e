package dev.sockjs.stomp;

import dev.sockjs.testbrokers.EmbeddedArtemis;
import dev.sockjs.testbrokers.ExternalBroker;

class StompNodesOnArtemisTest extends StompNodesContract {

    @Override
    ExternalBroker startBroker() throws Exception {
        return new EmbeddedArtemis();
    }

    @Override
    BrokerRelay.Builder relay(int port) {
        return BrokerRelay.artemis("127.0.0.1", port);
    }
}
