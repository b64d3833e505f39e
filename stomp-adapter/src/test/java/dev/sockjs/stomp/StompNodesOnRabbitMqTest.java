package dev.sockjs.stomp;

import dev.sockjs.testbrokers.ExternalBroker;
import dev.sockjs.testbrokers.RabbitMqBroker;

class StompNodesOnRabbitMqTest extends StompNodesContract {

    @Override
    ExternalBroker startBroker() throws Exception {
        return new RabbitMqBroker();
    }

    @Override
    BrokerRelay.Builder relay(int port) {
        return BrokerRelay.rabbitMq("127.0.0.1", port);
    }
}
