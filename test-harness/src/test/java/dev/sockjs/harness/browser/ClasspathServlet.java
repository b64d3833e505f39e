package dev.sockjs.harness.browser;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** Serves files from the classpath under a root: WebJars and the test pages. */
final class ClasspathServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String root;

    ClasspathServlet(String root) {
        this.root = root;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || path.contains("..")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(root + path)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            resp.setContentType(path.endsWith(".js") ? "application/javascript;charset=UTF-8"
                    : "text/html;charset=UTF-8");
            in.transferTo(resp.getOutputStream());
        }
    }
}
