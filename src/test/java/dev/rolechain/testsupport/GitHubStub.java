package dev.rolechain.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for GitHub's REST API on a free loopback port (the JDK's HttpServer): routes by method,
 * path and query answer with recorded shapes of GitHub's responses ({@code BASE} in a body or header becomes
 * the stub's own address); anything else is GitHub's 404. Every request is recorded.
 */
public final class GitHubStub implements AutoCloseable {
    /** A canned answer. */
    public record Response(int status, String body, Map<String, String> headers) {
    }

    /** A request as the stub saw it. */
    public record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Response> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public GitHubStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path,
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), body));
            Response r = routes.get(exchange.getRequestMethod() + " " + path);
            if (r == null) {
                r = new Response(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\","
                        + "\"status\":\"404\"}", Map.of());
            }
            byte[] bytes = r.body().replace("BASE", base()).getBytes(StandardCharsets.UTF_8);
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v.replace("BASE", base())));
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(r.status(), r.status() == 204 ? -1 : bytes.length);
            if (r.status() != 204) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers GET path (with its query) with 200 and the body. */
    public GitHubStub get(String pathAndQuery, String body) {
        return route("GET", pathAndQuery, new Response(200, body, Map.of()));
    }

    public GitHubStub route(String method, String pathAndQuery, Response response) {
        routes.put(method + " " + pathAndQuery, response);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests that change something (anything but GET). */
    public List<Request> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
