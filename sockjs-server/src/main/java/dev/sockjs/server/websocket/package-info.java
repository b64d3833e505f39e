/**
 * The websocket edge: the SockJS {@code websocket} transport and the raw {@code /websocket} endpoint, written
 * against {@link dev.sockjs.server.websocket.WebSocketPeer} and driven either by the standard Jakarta WebSocket
 * API (upgraded from inside the servlet) or by a container's native API where its adapter offers one
 * ({@link dev.sockjs.server.container.NativeUpgrade}); and the optional hixie-76 handshake on the Servlet upgrade
 * API. Internal: not part of the public API.
 */
package dev.sockjs.server.websocket;
