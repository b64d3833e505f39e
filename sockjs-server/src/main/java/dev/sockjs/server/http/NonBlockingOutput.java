package dev.sockjs.server.http;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;

/** Writing to a servlet output in non-blocking mode (a {@code WriteListener} is set). Internal. */
public final class NonBlockingOutput {

    private NonBlockingOutput() {
    }

    /**
     * Writes {@code bytes} so that they leave at once as a piece of their own. A write the container could not
     * take at once completes on its own, and {@code flush} would be illegal while it is pending (Jetty fails the
     * response); a write it took into its buffer needs the flush to leave now, as its own HTTP chunk.
     */
    public static void writeNow(ServletOutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        if (out.isReady()) {
            out.flush();
        }
    }
}
