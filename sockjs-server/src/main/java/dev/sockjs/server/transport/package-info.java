/**
 * The SockJS transports: a table of their protocol facts ({@link dev.sockjs.server.transport.TransportType}) and
 * one class per HTTP transport that knows how that transport wraps frames. No servlet types here. Internal: not
 * part of the public API.
 */
package dev.sockjs.server.transport;
