package dev.sockjs.harness.browser;

import dev.sockjs.harness.relay.Brokers;

/** sockjs-client and stompjs in Chromium, with a broker relay to RabbitMQ. */
class BrowserStompOnRabbitMqTest extends BrowserStompContract {

    BrowserStompOnRabbitMqTest() {
        super(Brokers.RABBITMQ);
    }
}
