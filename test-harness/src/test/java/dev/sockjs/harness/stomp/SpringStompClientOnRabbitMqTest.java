package dev.sockjs.harness.stomp;

import dev.sockjs.harness.relay.Brokers;

/** Spring's STOMP client with a broker relay to RabbitMQ. */
class SpringStompClientOnRabbitMqTest extends SpringStompClientContract {

    SpringStompClientOnRabbitMqTest() {
        super(Brokers.RABBITMQ);
    }
}
