package dev.sockjs.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sockjs.server.transport.ContentTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * {@code /info}: what the client needs to choose its transports (websocket offered, cookie needed), and entropy
 * it seeds its session ids with. {@code origins} is always {@code ["*:*"]}: the field is obsolete, clients
 * ignore it, the protocol suite expects it.
 */
final class Info {

    private static final JsonFactory JSON = new JsonFactory();

    private final boolean websocket;
    private final boolean cookieNeeded;
    private final OriginPolicy origins;
    private final SecureRandom entropy = new SecureRandom();

    Info(boolean websocket, boolean cookieNeeded, OriginPolicy origins) {
        this.websocket = websocket;
        this.cookieNeeded = cookieNeeded;
        this.origins = origins;
    }

    void answer(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (origins.refuse(req, resp)) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(96);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeBooleanField("websocket", websocket);
            json.writeArrayFieldStart("origins");
            json.writeString("*:*");
            json.writeEndArray();
            json.writeBooleanField("cookie_needed", cookieNeeded);
            json.writeNumberField("entropy", entropy.nextInt() & 0xffffffffL);
            json.writeEndObject();
        }
        resp.setContentType(ContentTypes.JSON);
        ResponseHeaders.noCache(resp);
        ResponseHeaders.cors(req, resp);
        Answers.writeFully(resp, body.toByteArray());
    }
}
