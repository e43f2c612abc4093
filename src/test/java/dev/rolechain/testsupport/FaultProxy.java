package dev.rolechain.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of moto that fails chosen calls: by API action (IAM and STS use the query
 * protocol, so the action is in the form body), a number of times, with a throttling error, an HTTP
 * 500, a reset connection, or a non-retryable error that stands for the process dying there.
 */
public final class FaultProxy implements AutoCloseable {
    /** How a call fails. */
    public enum Fault { THROTTLE, SERVER_ERROR, RESET, FATAL, HANG }

    private static final Set<String> SKIPPED_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private volatile java.util.concurrent.CountDownLatch hung = new java.util.concurrent.CountDownLatch(1);
    private volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    private record Rule(Fault fault, AtomicInteger remaining) {
    }

    private final AtomicInteger writes = new AtomicInteger();
    private volatile int hangAtWrite = -1;

    /** Holds the n-th write call (1-based; any IAM action but Get…/List…) until released: a process stuck there. */
    public void hangAtWrite(int n) {
        hung = new java.util.concurrent.CountDownLatch(1);
        release = new java.util.concurrent.CountDownLatch(1);
        writes.set(0);
        hangAtWrite = n;
    }

    public FaultProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(64));
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Fail the next {@code times} calls of the action. */
    public void fail(String action, Fault fault, int times) {
        rules.put(action, new Rule(fault, new AtomicInteger(times)));
    }

    /** Waits until a HANG call has arrived. */
    public boolean awaitHang(long seconds) throws InterruptedException {
        return hung.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Lets held calls go (they get no answer). */
    public void releaseHung() {
        release.countDown();
    }

    private volatile long latencyMillis;

    /** Holds every call this long before forwarding it: the round trip to a real AWS endpoint, for benchmarks. */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    public void clear() {
        rules.clear();
        hangAtWrite = -1;
    }

    /** The calls failed so far, as "Action FAULT". */
    public List<String> failed() {
        return failed;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String action = action(new String(body, StandardCharsets.UTF_8));
        Rule rule = action == null ? null : rules.get(action);
        if (action != null && hangAtWrite > 0 && MotoServer.writes(action) && writes.incrementAndGet() == hangAtWrite) {
            rule = new Rule(Fault.HANG, new AtomicInteger(1));
        }
        if (rule != null && rule.remaining().getAndDecrement() > 0) {
            failed.add(action + " " + rule.fault());
            switch (rule.fault()) {
                case HANG -> {
                    // hold the call until released: the caller is stuck between two writes
                    java.util.concurrent.CountDownLatch held = release;
                    hung.countDown();
                    try {
                        held.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                case RESET -> {
                    exchange.getResponseBody().close();
                    exchange.close();
                    return;
                }
                case THROTTLE -> respond(exchange, 400, error("Throttling", "Rate exceeded"));
                case SERVER_ERROR -> respond(exchange, 500, error("ServiceFailure", "injected failure"));
                default -> respond(exchange, 400, error("ValidationError", "injected: the process stopped here"));
            }
            return;
        }
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!SKIPPED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static byte[] error(String code, String message) {
        return ("<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                + "</Message></Error><RequestId>fault</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static String action(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
