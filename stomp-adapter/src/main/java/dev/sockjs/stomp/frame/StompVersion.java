package dev.sockjs.stomp.frame;

/** The protocol versions, and how each escapes header text. */
public enum StompVersion {
    V1_0("1.0"), V1_1("1.1"), V1_2("1.2");

    private final String text;

    StompVersion(String text) {
        this.text = text;
    }

    /** As in the {@code version} and {@code accept-version} headers. */
    public String text() {
        return text;
    }

    /** The version spelled {@code text}, or {@code null}. */
    public static StompVersion of(String text) {
        for (StompVersion v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        return null;
    }

    /** 1.1 escapes {@code \n : \\}; 1.2 adds {@code \r}; 1.0 escapes nothing. */
    boolean escapes() {
        return this != V1_0;
    }

    boolean escapesCarriageReturn() {
        return this == V1_2;
    }
}
