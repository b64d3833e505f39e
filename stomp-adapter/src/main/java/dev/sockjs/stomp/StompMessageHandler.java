package dev.sockjs.stomp;

/** Handles messages clients send to an application destination. Runs on the client's thread; must not block. */
@FunctionalInterface
public interface StompMessageHandler {

    /**
     * @throws StompRefusal to answer the client with an ERROR frame and disconnect it
     */
    void handle(StompMessage message, StompContext context) throws StompRefusal;
}
