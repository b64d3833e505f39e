/**
 * SockJS framing: the {@code o}, {@code h}, {@code a[...]} and {@code c[...]} frames, the protocol's JSON
 * escaping, the encodings of an outgoing message that every session sending it shares
 * ({@link dev.sockjs.server.frame.OutboundMessage}, {@link dev.sockjs.server.frame.Wire}), and decoding of what
 * clients send. Internal: not part of the public API.
 */
package dev.sockjs.server.frame;
