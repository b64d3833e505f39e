/**
 * Sessions independent of HTTP: the outbound queue, the state, the timers, and whichever receiving connection
 * is attached right now. Internal: not part of the public API.
 */
package dev.sockjs.server.session;
