/**
 * The servlet edge: a service's URL table ({@link dev.sockjs.server.http.SockJsEndpoint} lists the routes,
 * {@link dev.sockjs.server.http.Routes} dispatches them), one class per kind of request ({@code /info}, the
 * iframe page, websocket handshakes, receiving and sending requests), the protocol's headers (CORS, caching,
 * cookies), and non-blocking request and response I/O. Internal: not part of the public API; applications use
 * {@link dev.sockjs.server.SockJsServlet}.
 */
package dev.sockjs.server.http;
