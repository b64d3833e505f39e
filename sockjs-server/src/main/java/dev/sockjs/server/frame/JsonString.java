package dev.sockjs.server.frame;

/**
 * Writes JSON string literals the way SockJS requires.
 *
 * <p>Beyond what JSON needs, the protocol escapes characters that browsers or intermediaries mangle on the way
 * (the {@code escapable_by_server} set of the protocol suite: U+200C-U+200F, U+2028-U+202F, U+2060-U+206F,
 * U+FFF0-U+FFFF) plus C1 controls, U+FEFF and every UTF-16 surrogate so that lone surrogates survive. Escapes
 * use lower-case hex, as the protocol suite compares them literally.
 */
public final class JsonString {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** For ASCII: 0 = verbatim, 'u' = \\u00XX, any other = that short escape letter. */
    private static final char[] ASCII_ESCAPES = new char[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = 'u';
        }
        ASCII_ESCAPES['\b'] = 'b';
        ASCII_ESCAPES['\f'] = 'f';
        ASCII_ESCAPES['\n'] = 'n';
        ASCII_ESCAPES['\r'] = 'r';
        ASCII_ESCAPES['\t'] = 't';
        ASCII_ESCAPES['"'] = '"';
        ASCII_ESCAPES['\\'] = '\\';
        ASCII_ESCAPES[0x7f] = 'u';
    }

    private JsonString() {
    }

    /** Appends {@code s} as a quoted JSON string. */
    public static void appendQuoted(StringBuilder out, CharSequence s) {
        out.append('"');
        appendEscaped(out, s);
        out.append('"');
    }

    /**
     * Appends the inside of {@code s} as a JSON string, without the quotes. Each character is escaped on its own,
     * so the escaping of a concatenation is the concatenation of the escapings: a message's parts can be escaped
     * apart and joined.
     */
    public static void appendEscaped(StringBuilder out, CharSequence s) {
        int len = s.length();
        int verbatimFrom = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            char escape;
            if (c < 128) {
                escape = ASCII_ESCAPES[c];
                if (escape == 0) {
                    continue;
                }
            } else if (needsUnicodeEscape(c)) {
                escape = 'u';
            } else {
                continue;
            }
            out.append(s, verbatimFrom, i);
            verbatimFrom = i + 1;
            out.append('\\');
            if (escape == 'u') {
                appendUnicodeEscapeDigits(out, c);
            } else {
                out.append(escape);
            }
        }
        out.append(s, verbatimFrom, len);
    }

    /** Appends {@code s} as a quoted JSON string, {@code <} escaped too so it can sit inside an HTML script. */
    public static void appendQuotedForScript(StringBuilder out, CharSequence s) {
        out.append('"');
        appendEscapedForScript(out, s);
        out.append('"');
    }

    /** {@link #appendEscaped}, {@code <} escaped too; character by character as well. */
    public static void appendEscapedForScript(StringBuilder out, CharSequence s) {
        int start = out.length();
        appendEscaped(out, s);
        for (int i = start; i < out.length(); i++) {
            if (out.charAt(i) == '<') {
                out.replace(i, i + 1, "\\u003c");
                i += 5;
            }
        }
    }

    static boolean needsUnicodeEscape(char c) {
        return (c >= 0x7f && c <= 0x9f)
                || (c >= '\u200c' && c <= '\u200f')
                || (c >= '\u2028' && c <= '\u202f')
                || (c >= '\u2060' && c <= '\u206f')
                || (c >= '\ud800' && c <= '\udfff')
                || c == '\ufeff'
                || c >= '\ufff0';
    }

    private static void appendUnicodeEscapeDigits(StringBuilder out, char c) {
        out.append('u')
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
