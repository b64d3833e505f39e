package dev.sockjs.harness.stomp;

import dev.sockjs.harness.relay.Brokers;

/** Spring's STOMP client with the in-memory broker. */
class SpringStompClientTest extends SpringStompClientContract {

    SpringStompClientTest() {
        super(Brokers.IN_MEMORY);
    }
}
