[description]
A clear-text HTTP/1.1 connector with the SockJS library's connector fixes (see dev.sockjs.server.jetty.JettySetup):
prompt notice of clients that leave a pending poll or stream, HTTP chunks complete on the wire as soon as they
are flushed, content types sent exactly as set, and every SockJS session told goodbye (1001) when Jetty stops.
Enable it instead of the http module; it reads the same jetty.http.* properties.

[tags]
connector
http
sockjs

[depend]
server

[provides]
http

[lib]
lib/sockjs/*.jar

[xml]
etc/sockjs-http.xml

[ini]
# Jetty reads this once, when its HTTP classes load; the connector refuses to start without it.
-Dorg.eclipse.jetty.http.HttpGenerator.STRICT=true

[ini-template]
## The host/address to bind the connector to (all of them if unset).
# jetty.http.host=0.0.0.0

## The port the connector listens on.
# jetty.http.port=8080

## The connector idle timeout, in milliseconds.
# jetty.http.idleTimeout=30000

## The number of selectors (I/O threads; -1 picks a default value based on the number of cores).
# jetty.http.selectors=-1
