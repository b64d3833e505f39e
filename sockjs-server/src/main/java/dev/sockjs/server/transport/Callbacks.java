package dev.sockjs.server.transport;

/** The rule for the {@code c} parameter of jsonp and htmlfile: a plain JavaScript name, nothing that can run. */
public final class Callbacks {

    public static final String REQUIRED = "\"callback\" parameter required";
    public static final String INVALID = "invalid \"callback\" parameter";

    private Callbacks() {
    }

    /** {@code null} if the callback is acceptable, else the protocol's error text. */
    public static String check(String callback) {
        if (callback == null || callback.isEmpty()) {
            return REQUIRED;
        }
        for (int i = 0; i < callback.length(); i++) {
            char c = callback.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return INVALID;
            }
        }
        return null;
    }
}
