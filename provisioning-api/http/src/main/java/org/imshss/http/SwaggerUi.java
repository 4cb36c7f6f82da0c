package org.imshss.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Swagger UI at {@value #PATH}, from the {@code org.webjars:swagger-ui} jar on the class path (nothing from another
 * server): a page of its own that loads the UI's files from here and points it at the API's OpenAPI document.
 * Like the document, it holds no data and needs no token; trying an operation out needs one (Authorize).
 */
final class SwaggerUi extends HttpHandler {

    static final String PATH = "/api/docs";
    static final String BUNDLE = PATH + "/swagger-ui-bundle.js";

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "html", "text/html; charset=utf-8");

    private final String page;
    private final String files;

    /** @param document the path of the OpenAPI document the UI shows */
    SwaggerUi(String document) {
        this.page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="UTF-8">
                  <title>IMS HSS provisioning API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                  <link rel="icon" type="image/png" href="%1$s/favicon-32x32.png" sizes="32x32">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%2$s"></script>
                  <script>
                    window.onload = function () {
                      window.ui = SwaggerUIBundle({ url: "%3$s", dom_id: "#swagger-ui", deepLinking: true });
                    };
                  </script>
                </body>
                </html>
                """.formatted(PATH, BUNDLE, document);
        this.files = WEBJAR + version() + "/";
    }

    private static String version() {
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String method = request.getMethod().getMethodString();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setStatus(405);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        String path = request.getRequestURI();
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            response.setStatus(404);
            return;
        }
        String name = path.length() == PATH.length() ? "" : path.substring(PATH.length() + 1);
        if (name.isEmpty() || name.equals("index.html")) {
            send(response, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (!FILE.matcher(name).matches() || type == null) {
            response.setStatus(404);
            return;
        }
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(files + name)) {
            if (in == null) {
                response.setStatus(404);
                return;
            }
            response.setHeader("Cache-Control", "public, max-age=3600");
            send(response, type, in.readAllBytes());
        }
    }

    private static void send(Response response, String type, byte[] bytes) throws IOException {
        response.setStatus(200);
        response.setContentType(type);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
