package dev.sockjs.server.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonStringTest {

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        JsonString.appendQuoted(sb, s);
        return sb.toString();
    }

    @Test
    void plainTextIsQuotedVerbatim() {
        assertEquals("\"hello, world\"", quoted("hello, world"));
        assertEquals("\"\"", quoted(""));
    }

    @Test
    void quoteAndBackslashAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", quoted("a\"b\\c"));
    }

    @Test
    void controlCharactersUseShortEscapesWhereJsonHasThemAndLowerCaseHexOtherwise() {
        assertEquals("\"\\u0000\\n\\r\\t\\b\\f\\u001f\"", quoted("\u0000\n\r\t\b\f\u001f"));
        assertEquals("\"\\u007f\\u0085\\u009f\"", quoted("\u007f\u0085\u009f"));
    }

    @Test
    void everyCharacterOfTheProtocolsServerSetIsEscapedInLowerCaseHex() {
        for (char c = 0x100; c != 0; c++) {
            boolean inServerSet = (c >= '\u200c' && c <= '\u200f') || (c >= '\u2028' && c <= '\u202f')
                    || (c >= '\u2060' && c <= '\u206f') || c >= '\ufff0';
            if (inServerSet) {
                assertEquals("\"" + String.format("\\u%04x", (int) c) + "\"", quoted(String.valueOf(c)),
                        "U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void surrogatesAreEscapedSoLoneOnesSurvive() {
        assertEquals("\"\\ud800\"", quoted("\ud800"));
        assertEquals("\"\\ud83d\\ude00\"", quoted("\ud83d\ude00"));
    }

    @Test
    void otherUnicodeIsVerbatim() {
        assertEquals("\"zażółć 日本 é\"", quoted("zażółć 日本 é"));
        assertFalse(JsonString.needsUnicodeEscape('\u00e9'));
        assertTrue(JsonString.needsUnicodeEscape('\ufeff'));
    }

    @Test
    void scriptVariantKeepsAnEndTagFromClosingTheScriptBlock() {
        StringBuilder sb = new StringBuilder();
        JsonString.appendQuotedForScript(sb, "a</script><b>");
        assertEquals("\"a\\u003c/script>\\u003cb>\"", sb.toString());
    }
}
