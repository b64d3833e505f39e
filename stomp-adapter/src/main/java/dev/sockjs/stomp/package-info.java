/**
 * STOMP 1.0-1.2 over SockJS. Build a {@link dev.sockjs.stomp.StompServer}, mount it as the handler of a SockJS
 * service, and clients can SUBSCRIBE to broker destinations, SEND to application handlers, and receive MESSAGE
 * frames. See {@link dev.sockjs.stomp.StompServer} for an example.
 */
package dev.sockjs.stomp;
