package org.imshss.provisioning.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The operators' console at {@value #PATH}: static HTML, CSS and JavaScript from the jar. The files hold no data
 * and need no token; the page asks for one and calls the API with it, keeping it in its memory only. The policy
 * allows scripts, styles and requests from this origin alone, and no inline script, so an injected string in
 * subscriber data cannot run.
 */
final class ConsoleFiles extends HttpHandler {

    static final String PATH = "/console";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String FILES = "org/imshss/provisioning/console/";
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml");

    @Override
    public void service(Request request, Response response) throws IOException {
        String method = request.getMethod().getMethodString();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setStatus(405);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        String path = request.getRequestURI();
        String name = path.equals(PATH) || path.equals(PATH + "/") ? "index.html"
                : path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "";
        if (!FILE.matcher(name).matches()) {
            response.setStatus(404);
            return;
        }
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(FILES + name)) {
            if (in == null) {
                response.setStatus(404);
                return;
            }
            byte[] bytes = in.readAllBytes();
            response.setStatus(200);
            response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-cache");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
