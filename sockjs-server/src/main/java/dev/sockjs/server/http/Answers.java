package dev.sockjs.server.http;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsListener.Refusal;
import dev.sockjs.server.transport.ContentTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The protocol's short answers: errors as plain text, and the bodiless 404 and 405. */
final class Answers {

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private Answers() {
    }

    static void notFound(HttpServletResponse resp, SockJsListener listener) {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setContentLength(0);
        listener.requestRefused(HttpServletResponse.SC_NOT_FOUND, Refusal.NOT_FOUND);
    }

    /** 405 with {@code Allow}, and neither body nor content type, as the protocol wants. */
    static void methodNotAllowed(HttpServletResponse resp, String allow, SockJsListener listener) {
        resp.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        resp.setHeader("Allow", allow);
        resp.setContentLength(0);
        listener.requestRefused(HttpServletResponse.SC_METHOD_NOT_ALLOWED, Refusal.METHOD);
    }

    static void tooLarge(HttpServletResponse resp, SockJsListener listener) throws IOException {
        refuse(resp, 413, "Payload too large.", Refusal.BODY_TOO_LARGE, listener);
    }

    static void tooManySessions(HttpServletResponse resp, SockJsListener listener) throws IOException {
        refuse(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many sessions.", Refusal.TOO_MANY_SESSIONS,
                listener);
    }

    /** An error answer, told to the listener as a refusal. */
    static void refuse(HttpServletResponse resp, int status, String text, Refusal refusal, SockJsListener listener)
            throws IOException {
        listener.requestRefused(status, refusal);
        textError(resp, status, text);
    }

    /** {@link #refuse} from a callback, where a client already gone leaves nothing to do. */
    static void refuseQuietly(HttpServletResponse resp, int status, String text, Refusal refusal,
            SockJsListener listener) {
        listener.requestRefused(status, refusal);
        textErrorQuietly(resp, status, text);
    }

    static void textError(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType(ContentTypes.TEXT);
        writeFully(resp, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #textError} from a callback, where a client already gone leaves nothing to do. */
    static void textErrorQuietly(HttpServletResponse resp, int status, String text) {
        try {
            textError(resp, status, text);
        } catch (IOException e) {
            LOG.debug("Answering a SockJS request failed", e);
        }
    }

    /**
     * Small fixed bodies only. Without a declared length the container keeps the body in its response buffer and
     * writes it when the request ends, without blocking, declaring the length itself; a declared length would
     * make this write the last one, which blocks until the client takes it. That must not happen on an I/O
     * thread ({@code dev.sockjs.server.jetty.IoThreadHandler}), where a client that reads nothing could hold up
     * every connection.
     */
    static void writeFully(HttpServletResponse resp, byte[] body) throws IOException {
        resp.getOutputStream().write(body);
    }
}
