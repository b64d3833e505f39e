/**
 * The servlet edge: routing of SockJS URLs, the protocol's headers (CORS, caching, cookies), and non-blocking
 * request and response I/O. Internal: not part of the public API; applications use
 * {@link dev.sockjs.server.SockJsServlet}.
 */
package dev.sockjs.server.http;
