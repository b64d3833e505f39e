package dev.sockjs.harness.browser;

import dev.sockjs.harness.relay.Brokers;

/** sockjs-client and stompjs in Chromium, with a broker relay to ActiveMQ Artemis. */
class BrowserStompOnArtemisTest extends BrowserStompContract {

    BrowserStompOnArtemisTest() {
        super(Brokers.ARTEMIS);
    }
}
