/**
 * What a servlet container adds to the plain Jakarta Servlet and WebSocket path, behind one interface
 * ({@link dev.sockjs.server.container.ContainerSupport}) resolved once per servlet context. Internal: the
 * container adapters of this library implement it ({@code dev.sockjs.server.jetty}).
 */
package dev.sockjs.server.container;
