package dev.sockjs.harness.relay;

/** Two nodes sharing RabbitMQ. */
class TwoNodesOnRabbitMqTest extends TwoNodesContract {

    TwoNodesOnRabbitMqTest() {
        super(Brokers.RABBITMQ);
    }
}
