/**
 * The benchmark tools: a lean load client (one thread, non-blocking sockets, HTTP/1.1 and RFC 6455 written by
 * hand so that the client costs less CPU than the servers it loads), the scenarios it runs, and the servers it
 * runs them against.
 */
package dev.sockjs.harness.bench;
