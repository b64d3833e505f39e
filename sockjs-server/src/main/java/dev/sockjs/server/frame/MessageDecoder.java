package dev.sockjs.server.frame;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes what clients send: a JSON array of strings (every transport) or a single JSON string (websocket).
 */
public final class MessageDecoder {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).build())
            .build();

    private MessageDecoder() {
    }

    /** Decodes an xhr_send/jsonp_send body (UTF-8). */
    public static List<String> decodeArray(byte[] body, int length) throws MalformedMessageException {
        if (length == 0) {
            throw new MalformedMessageException(MalformedMessageException.PAYLOAD_EXPECTED, null);
        }
        try (JsonParser parser = JSON.createParser(body, 0, length)) {
            return read(parser, false);
        } catch (IOException e) {
            throw new MalformedMessageException(MalformedMessageException.BROKEN_JSON, e);
        }
    }

    /** Decodes a form field or a websocket text message: an array of strings, or one string if allowed. */
    public static List<String> decode(String payload, boolean singleStringAllowed) throws MalformedMessageException {
        if (payload.isEmpty()) {
            throw new MalformedMessageException(MalformedMessageException.PAYLOAD_EXPECTED, null);
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            return read(parser, singleStringAllowed);
        } catch (IOException e) {
            throw new MalformedMessageException(MalformedMessageException.BROKEN_JSON, e);
        }
    }

    private static List<String> read(JsonParser parser, boolean singleStringAllowed)
            throws IOException, MalformedMessageException {
        JsonToken first = parser.nextToken();
        List<String> messages;
        if (first == JsonToken.START_ARRAY) {
            messages = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                messages.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY) {
                throw broken();
            }
        } else if (first == JsonToken.VALUE_STRING && singleStringAllowed) {
            messages = Collections.singletonList(parser.getText());
        } else if (first == null) {
            throw new MalformedMessageException(MalformedMessageException.PAYLOAD_EXPECTED, null);
        } else {
            throw broken();
        }
        if (parser.nextToken() != null) {
            throw broken();
        }
        return messages;
    }

    private static MalformedMessageException broken() {
        return new MalformedMessageException(MalformedMessageException.BROKEN_JSON, null);
    }
}
