/**
 * The websocket edge: the SockJS {@code websocket} transport and the raw {@code /websocket} endpoint on the
 * standard Jakarta WebSocket API, upgraded from inside the servlet, and the optional hixie-76 handshake on the
 * Servlet upgrade API. Internal: not part of the public API.
 */
package dev.sockjs.server.websocket;
