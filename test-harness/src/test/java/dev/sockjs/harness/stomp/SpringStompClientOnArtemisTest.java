package dev.sockjs.harness.stomp;

import dev.sockjs.harness.relay.Brokers;

/** Spring's STOMP client with a broker relay to ActiveMQ Artemis. */
class SpringStompClientOnArtemisTest extends SpringStompClientContract {

    SpringStompClientOnArtemisTest() {
        super(Brokers.ARTEMIS);
    }
}
