package dev.sockjs.server.http;

import dev.sockjs.server.SockJsListener.Refusal;
import dev.sockjs.server.frame.MalformedMessageException;
import dev.sockjs.server.frame.MessageDecoder;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import dev.sockjs.server.transport.ContentTypes;
import dev.sockjs.server.transport.TransportType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending requests of the HTTP transports: the body, a JSON array of messages (or a form field holding it,
 * for jsonp_send), read without blocking up to the size limit and delivered to an open session.
 */
final class Sending {

    private static final Logger LOG = LoggerFactory.getLogger(Sending.class);
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

    private final SessionRegistry registry;
    private final int maxMessageSize;
    private final boolean cookieNeeded;

    Sending(SessionRegistry registry, int maxMessageSize, boolean cookieNeeded) {
        this.registry = registry;
        this.maxMessageSize = maxMessageSize;
        this.cookieNeeded = cookieNeeded;
    }

    void send(HttpServletRequest req, HttpServletResponse resp, TransportType type, String sessionId)
            throws IOException {
        Session session = registry.get(sessionId);
        if (session == null || !session.isOpen()) {
            // A closed session takes no more messages: saying 204 would drop them silently.
            Answers.notFound(resp, registry.listener());
            return;
        }
        if (req.getContentLengthLong() > maxMessageSize) {
            Answers.tooLarge(resp, registry.listener());
            return;
        }
        TransportType.SendAnswer answer = type.sendAnswer();
        // The header as sent: the container parses the charset of getContentType() and throws on a bad name.
        boolean form = answer == TransportType.SendAnswer.OK_FORM_OR_BODY
                && isFormEncoded(req.getHeader("Content-Type"));
        ResponseHeaders.session(req, resp, ContentTypes.TEXT, cookieNeeded);
        BodyReader.read(req, maxMessageSize, new BodyReader.Then() {
            @Override
            public void body(byte[] body, int length) {
                try {
                    List<String> messages;
                    if (form) {
                        String field = formField(body, length, "d");
                        if (field == null) {
                            Answers.refuseQuietly(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                                    MalformedMessageException.BROKEN_JSON, Refusal.MALFORMED, registry.listener());
                            return;
                        }
                        messages = MessageDecoder.decode(field, false);
                    } else {
                        messages = MessageDecoder.decodeArray(body, length);
                    }
                    session.deliver(messages);
                    if (answer == TransportType.SendAnswer.NO_CONTENT) {
                        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    } else {
                        Answers.writeFully(resp, OK);
                    }
                } catch (MalformedMessageException e) {
                    Answers.refuseQuietly(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage(),
                            Refusal.MALFORMED, registry.listener());
                } catch (IOException e) {
                    LOG.debug("Answering a SockJS send failed", e);
                }
            }

            @Override
            public void tooLarge() {
                try {
                    Answers.tooLarge(resp, registry.listener());
                } catch (IOException e) {
                    LOG.debug("Answering a SockJS send failed", e);
                }
            }

            @Override
            public void incomplete() {
                Answers.refuseQuietly(resp, HttpServletResponse.SC_REQUEST_TIMEOUT, "Request body incomplete.",
                        Refusal.BODY_INCOMPLETE, registry.listener());
            }
        });
    }

    private static boolean isFormEncoded(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The value of one field of a form-encoded body, "" if absent, {@code null} if its encoding is broken. */
    static String formField(byte[] body, int length, String name) {
        String form = new String(body, 0, length, StandardCharsets.US_ASCII);
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException brokenEscape) {
            return null;
        }
        return "";
    }
}
