/**
 * The in-memory broker: who subscribes to what, and delivery to them. Internal: not part of the public API.
 */
package dev.sockjs.stomp.broker;
