package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TestServices;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Consecutive polls on one keep-alive connection, as browsers send them. The server watches suspended
 * polls for aborts; that watch must never take a finished poll's connection down with it.
 */
class KeepAliveTest {

    @Test
    void manyPollsOnOneConnectionEachGetTheirFrame() throws Exception {
        try (ProtocolTestServer server = ProtocolTestServer.start("127.0.0.1", 0,
                context -> SockJsServlet.register(context, "/echo", TestServices.ECHO, SockJsOptions.defaults()))) {
            String path = "/echo/000/" + UUID.randomUUID();
            String url = server.url() + path;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5000);
                assertEquals("o\n", poll(socket, path));
                for (int i = 0; i < 20; i++) {
                    String message = "m" + i;
                    Thread sender = new Thread(() -> {
                        try {
                            Thread.sleep(20);
                            Client.request("POST", url + "/xhr_send", Map.of(), "[\"" + message + "\"]");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    sender.start();
                    assertEquals("a[\"" + message + "\"]\n", poll(socket, path), "poll " + i);
                    sender.join();
                }
            }
        }
    }

    private static String poll(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + "/xhr HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        int length = -1;
        String line;
        while (!(line = line(in)).isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the server closed the keep-alive connection");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
