package dev.sockjs.server.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Words Jetty's own refusal of a malformed upgrade (an {@code Upgrade} header without {@code Connection:
 * Upgrade}, which Jetty rejects before any servlet runs) the way the library words its refusals.
 */
final class UpgradeAwareErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
            Throwable cause, Callback callback) throws IOException {
        if (code == 400 && request.getHeaders().contains(HttpHeader.UPGRADE)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            String text = "Not a valid websocket request: \"Connection\" must be \"Upgrade\".";
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return;
        }
        super.generateResponse(request, response, code, message, cause, callback);
    }
}
