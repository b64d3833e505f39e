package dev.sockjs.harness.browser;

import dev.sockjs.harness.relay.Brokers;

/** sockjs-client and stompjs in Chromium, with the in-memory broker. */
class BrowserStompTest extends BrowserStompContract {

    BrowserStompTest() {
        super(Brokers.IN_MEMORY);
    }
}
