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
    public record Response(int status, String body, Map<String, String> headers, byte[] raw) {
        public Response(int status, String body, Map<String, String> headers) {
            this(status, body, headers, null);
        }

        /** A binary answer (a zip of logs, say). */
        public static Response bytes(byte[] raw) {
            return new Response(200, "", Map.of("Content-Type", "application/zip"), raw);
        }
    }

    /** A request as the stub saw it. */
    public record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Response> routes = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<Response>> sequences = new ConcurrentHashMap<>();
    private final Map<String, Response> prefixes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public GitHubStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path,
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), body));
            String key = exchange.getRequestMethod() + " " + path;
            java.util.Deque<Response> sequence = sequences.get(key);
            Response r = sequence != null ? (sequence.size() > 1 ? sequence.poll() : sequence.peek()) : routes.get(key);
            if (r == null) {
                r = prefixes.entrySet().stream().filter(e -> key.startsWith(e.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElse(null);
            }
            if (r == null) {
                r = new Response(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\","
                        + "\"status\":\"404\"}", Map.of());
            }
            byte[] bytes = r.raw() != null ? r.raw() : r.body().replace("BASE", base()).getBytes(StandardCharsets.UTF_8);
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v.replace("BASE", base())));
            if (!r.headers().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            }
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

    /** Answers every path that starts with the prefix (a name Rolechain makes up, say). */
    public GitHubStub routePrefix(String method, String pathPrefix, Response response) {
        prefixes.put(method + " " + pathPrefix, response);
        return this;
    }

    /** Answers the route with each response in turn, the last one from then on (a run's status changing, say). */
    public GitHubStub sequence(String method, String pathAndQuery, Response... responses) {
        sequences.put(method + " " + pathAndQuery, new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(responses)));
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
