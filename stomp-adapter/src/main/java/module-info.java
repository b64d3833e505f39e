/**
 * STOMP 1.0-1.2 over SockJS. Exported: the API ({@code dev.sockjs.stomp}); the codec ({@code frame}) and the
 * in-memory broker ({@code broker}) are internal. On the class path, as in a WAR, the jar works the same.
 */
module dev.sockjs.stomp {
    requires transitive dev.sockjs.server;
    requires org.slf4j;

    exports dev.sockjs.stomp;
}
