package dev.sockjs.stomp.frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the bytes a client sends into frames. Bytes may arrive in any pieces: a frame split across several
 * transport messages, or several frames (and heart-beat end-of-lines) in one. Lines end with LF or CRLF.
 * Header text is unescaped as the negotiated version says (never in CONNECT and STOMP frames). A frame with a
 * {@code content-length} header has exactly that many body bytes, NULs included; otherwise the body ends at the
 * first NUL.
 *
 * <p>Every limit is checked as bytes arrive, so an oversized frame is refused before it is held in memory.
 * After a {@link StompProtocolException} the decoder is unusable: the connection must be closed. Not
 * thread-safe; one decoder per connection.
 */
public final class StompDecoder {

    /** Limits on what one frame may contain. */
    public record Limits(int maxFrameBytes, int maxHeaders, int maxLineBytes) {
        public Limits {
            if (maxFrameBytes <= 0 || maxHeaders <= 0 || maxLineBytes <= 0) {
                throw new IllegalArgumentException("STOMP limits must be positive");
            }
        }
    }

    private enum State { COMMAND, HEADERS, BODY, BODY_END, FAILED }

    private final Limits limits;
    private StompVersion version = StompVersion.V1_2;

    private State state = State.COMMAND;
    private byte[] line = new byte[64];
    private int lineLength;
    private int frameBytes;
    private StompCommand command;
    private final List<String> headers = new ArrayList<>();
    private int contentLength;
    private byte[] body;
    private int bodyLength;

    public StompDecoder(Limits limits) {
        this.limits = limits;
    }

    /** How many bytes of an incomplete frame the decoder holds (0 between frames). */
    public int pendingBytes() {
        return frameBytes;
    }

    /** The version whose escaping applies to the frames that follow (set after CONNECT). */
    public void version(StompVersion version) {
        this.version = version;
    }

    /**
     * Decodes {@code data}, handing each complete frame to {@code frames}; an incomplete one is kept for the
     * next call. Heart-beats (end-of-lines between frames) are consumed silently.
     */
    public void decode(byte[] data, int offset, int length, Consumer<StompFrame> frames)
            throws StompProtocolException {
        if (state == State.FAILED) {
            throw new StompProtocolException("The connection already broke the protocol");
        }
        try {
            int end = offset + length;
            int i = offset;
            while (i < end) {
                i = step(data, i, end, frames);
            }
        } catch (StompProtocolException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private int step(byte[] data, int i, int end, Consumer<StompFrame> frames) throws StompProtocolException {
        switch (state) {
            case COMMAND, HEADERS -> {
                byte b = data[i];
                count(1);
                if (b == '\n') {
                    endOfLine();
                } else if (b == 0 && state == State.COMMAND && lineLength == 0) {
                    throw fail("Unexpected NUL between frames");
                } else {
                    appendToLine(b);
                }
                return i + 1;
            }
            case BODY -> {
                if (contentLength >= 0) {
                    int n = Math.min(end - i, contentLength - bodyLength);
                    count(n);
                    System.arraycopy(data, i, body, bodyLength, n);
                    bodyLength += n;
                    if (bodyLength == contentLength) {
                        state = State.BODY_END;
                    }
                    return i + n;
                }
                int nul = i;
                while (nul < end && data[nul] != 0) {
                    nul++;
                }
                int n = nul - i;
                count(n);
                growBody(bodyLength + n);
                System.arraycopy(data, i, body, bodyLength, n);
                bodyLength += n;
                if (nul < end) {
                    count(1);
                    emit(frames);
                    return nul + 1;
                }
                return end;
            }
            case BODY_END -> {
                count(1);
                if (data[i] != 0) {
                    throw fail("Frame body longer than its content-length, or not ended by NUL");
                }
                emit(frames);
                return i + 1;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void endOfLine() throws StompProtocolException {
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        if (state == State.COMMAND) {
            if (len == 0) {
                lineLength = 0;
                frameBytes = 0;
                return;
            }
            String name = new String(line, 0, len, StandardCharsets.UTF_8);
            command = StompCommand.of(name);
            if (command == null) {
                throw fail("Unknown command: " + abbreviate(name));
            }
            state = State.HEADERS;
        } else if (len == 0) {
            startBody();
        } else {
            parseHeader(len);
        }
        lineLength = 0;
    }

    private void parseHeader(int len) throws StompProtocolException {
        if (headers.size() / 2 >= limits.maxHeaders()) {
            throw fail("Too many headers (the limit is " + limits.maxHeaders() + ")");
        }
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            throw fail("Malformed header line: " + abbreviate(new String(line, 0, len, StandardCharsets.UTF_8)));
        }
        boolean unescape = version.escapes() && command.escapesHeaders();
        String name = text(0, colon, unescape);
        String value = text(colon + 1, len, unescape);
        headers.add(name);
        headers.add(value);
    }

    private String text(int from, int to, boolean unescape) throws StompProtocolException {
        String raw = new String(line, from, to - from, StandardCharsets.UTF_8);
        if (!unescape) {
            return raw;
        }
        try {
            return HeaderEscaping.unescape(raw, version);
        } catch (StompProtocolException e) {
            throw fail(e.getMessage());
        }
    }

    private void startBody() throws StompProtocolException {
        String declared = header("content-length");
        if (declared == null) {
            contentLength = -1;
            body = body == null || body.length > 4096 ? new byte[64] : body;
        } else {
            try {
                contentLength = Integer.parseInt(declared.trim());
            } catch (NumberFormatException e) {
                contentLength = -1;
            }
            if (contentLength < 0) {
                throw fail("Invalid content-length: " + abbreviate(declared));
            }
            if (contentLength > limits.maxFrameBytes() - frameBytes) {
                throw fail("Frame too large (the limit is " + limits.maxFrameBytes() + " bytes)");
            }
            body = new byte[contentLength];
        }
        bodyLength = 0;
        state = contentLength == 0 ? State.BODY_END : State.BODY;
    }

    private void emit(Consumer<StompFrame> frames) throws StompProtocolException {
        if (bodyLength > 0 && !command.bodyAllowed()) {
            throw fail(command + " frames must not have a body");
        }
        StompFrame.Builder frame = StompFrame.builder(command);
        for (int i = 0; i < headers.size(); i += 2) {
            frame.header(headers.get(i), headers.get(i + 1));
        }
        if (bodyLength == 0) {
            frame.body((byte[]) null);
        } else if (contentLength >= 0) {
            frame.body(body);
            body = null;
        } else {
            frame.body(Arrays.copyOf(body, bodyLength));
        }
        headers.clear();
        command = null;
        frameBytes = 0;
        state = State.COMMAND;
        frames.accept(frame.build());
    }

    private String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equals(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    private void appendToLine(byte b) throws StompProtocolException {
        if (lineLength == limits.maxLineBytes()) {
            throw fail(state == State.COMMAND ? "Command line too long"
                    : "Header too long (the limit is " + limits.maxLineBytes() + " bytes)");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, limits.maxLineBytes()));
        }
        line[lineLength++] = b;
    }

    private void growBody(int needed) {
        if (needed > body.length) {
            body = Arrays.copyOf(body, Math.max(needed, body.length * 2));
        }
    }

    private void count(int n) throws StompProtocolException {
        frameBytes += n;
        if (frameBytes > limits.maxFrameBytes()) {
            throw fail("Frame too large (the limit is " + limits.maxFrameBytes() + " bytes)");
        }
    }

    private StompProtocolException fail(String message) {
        return new StompProtocolException(message, command == null ? null : header("receipt"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
