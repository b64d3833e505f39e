package dev.sockjs.stomp;

import dev.sockjs.stomp.frame.StompVersion;

/** The CONNECT negotiation: the protocol version both sides speak, and the heart-beats each sends. */
final class Handshake {

    static final String SUPPORTED_VERSIONS = "1.0,1.1,1.2";

    /** About 24 days. */
    private static final long LONGEST_HEARTBEAT_MILLIS = Integer.MAX_VALUE;

    private Handshake() {
    }

    /** The highest version the client accepts; 1.0 if it names none, {@code null} if none it names is spoken. */
    static StompVersion negotiate(String acceptVersion) {
        if (acceptVersion == null) {
            return StompVersion.V1_0;
        }
        StompVersion best = null;
        for (String offered : acceptVersion.split(",")) {
            StompVersion v = StompVersion.of(offered.trim());
            if (v != null && (best == null || v.compareTo(best) > 0)) {
                best = v;
            }
        }
        return best;
    }

    /**
     * The client's {@code cx,cy}. A period beyond {@link #LONGEST_HEARTBEAT_MILLIS} is taken as that: a client
     * silent that long is silent, and the timeout arithmetic stays far from overflowing.
     */
    static long[] heartbeat(String header) throws StompRefusal {
        if (header == null) {
            return new long[] {0, 0};
        }
        String[] parts = header.split(",");
        try {
            if (parts.length == 2) {
                long cx = Long.parseLong(parts[0].trim());
                long cy = Long.parseLong(parts[1].trim());
                if (cx >= 0 && cy >= 0) {
                    return new long[] {Math.min(cx, LONGEST_HEARTBEAT_MILLIS),
                        Math.min(cy, LONGEST_HEARTBEAT_MILLIS)};
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ProtocolRefusal("Malformed heart-beat header: " + header);
    }

    /** Both sides want it: the slower of the two periods; otherwise none. */
    static long agree(long canDo, long wants) {
        return canDo > 0 && wants > 0 ? Math.max(canDo, wants) : 0;
    }
}
