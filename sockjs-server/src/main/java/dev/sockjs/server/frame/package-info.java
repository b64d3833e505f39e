/**
 * SockJS framing: the {@code o}, {@code h}, {@code a[...]} and {@code c[...]} frames, the protocol's JSON
 * escaping, and decoding of what clients send. Internal: not part of the public API.
 */
package dev.sockjs.server.frame;
