/**
 * The STOMP 1.0-1.2 frame codec: a byte-level decoder with explicit limits that survives frames split across
 * (or packed into) transport messages, and an encoder that writes frames the way each version escapes them.
 */
package dev.sockjs.stomp.frame;
