package dev.sockjs.server.http;

/**
 * A session URL under the service prefix, {@code /SERVER/SESSION/TRANSPORT}: three non-empty segments, server
 * and session ids without dots and at most {@link #MAX_ID_LENGTH} characters long, each segment
 * percent-decoded.
 */
record SessionPath(String serverId, String sessionId, String transport) {

    /**
     * The longest server or session id accepted. sockjs-client sends 3 and 8 characters; a session id is kept
     * for the session's life, so an unbounded one would let a client make each session as large as its URL.
     */
    static final int MAX_ID_LENGTH = 64;

    /** The session URL {@code path} names, or {@code null} if it is not one. */
    static SessionPath parse(String path) {
        int a = path.indexOf('/', 1);
        int b = a < 0 ? -1 : path.indexOf('/', a + 1);
        if (!path.startsWith("/") || b < 0 || path.indexOf('/', b + 1) >= 0) {
            return null;
        }
        String server = path.substring(1, a);
        String session = path.substring(a + 1, b);
        String transport = path.substring(b + 1);
        if (server.isEmpty() || session.isEmpty() || transport.isEmpty()
                || server.indexOf('.') >= 0 || session.indexOf('.') >= 0) {
            return null;
        }
        SessionPath decoded = new SessionPath(PercentDecoding.decode(server), PercentDecoding.decode(session),
                PercentDecoding.decode(transport));
        if (!isId(decoded.serverId) || !isId(decoded.sessionId) || !isSegment(decoded.transport)) {
            return null;
        }
        return decoded;
    }

    private static boolean isSegment(String decoded) {
        return decoded != null && !decoded.isEmpty() && decoded.indexOf('/') < 0;
    }

    private static boolean isId(String decoded) {
        return isSegment(decoded) && decoded.indexOf('.') < 0 && decoded.length() <= MAX_ID_LENGTH;
    }
}
