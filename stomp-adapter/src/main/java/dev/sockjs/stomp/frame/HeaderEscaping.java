package dev.sockjs.stomp.frame;

/** STOMP header escaping: {@code \n \c \\} in 1.1, plus {@code \r} in 1.2, none in 1.0. */
final class HeaderEscaping {

    private HeaderEscaping() {
    }

    static String unescape(String s, StompVersion version) throws StompProtocolException {
        int backslash = s.indexOf('\\');
        if (backslash < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, backslash);
        for (int i = backslash; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            switch (next) {
                case 'n' -> sb.append('\n');
                case 'c' -> sb.append(':');
                case '\\' -> sb.append('\\');
                case 'r' -> {
                    if (!version.escapesCarriageReturn()) {
                        throw new StompProtocolException("Undefined escape sequence \\r in STOMP " + version.text());
                    }
                    sb.append('\r');
                }
                default -> throw new StompProtocolException("Undefined escape sequence in header: \\" + next);
            }
            i++;
        }
        return sb.toString();
    }

    static void appendEscaped(StringBuilder out, String s, StompVersion version) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (version.escapes()) {
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case ':' -> out.append("\\c");
                    case '\r' -> out.append(version.escapesCarriageReturn() ? "\\r" : " ");
                    default -> out.append(c);
                }
            } else {
                out.append(c == '\n' || c == '\r' ? ' ' : c);
            }
        }
    }
}
