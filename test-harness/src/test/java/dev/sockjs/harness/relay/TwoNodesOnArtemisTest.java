package dev.sockjs.harness.relay;

/** Two nodes sharing ActiveMQ Artemis. */
class TwoNodesOnArtemisTest extends TwoNodesContract {

    TwoNodesOnArtemisTest() {
        super(Brokers.ARTEMIS);
    }
}
