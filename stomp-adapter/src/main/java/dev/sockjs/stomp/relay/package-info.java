/**
 * The relay to an external STOMP broker (RabbitMQ, ActiveMQ Artemis): a few multiplexed broker connections per
 * server node, whatever the number of clients. Internal.
 */
package dev.sockjs.stomp.relay;
