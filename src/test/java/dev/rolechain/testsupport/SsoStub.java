package dev.rolechain.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A loopback stand-in for IAM Identity Center: the SSO portal's {@code GET /federation/credentials}
 * (answering with credentials that act in a moto account) and SSO OIDC's device flow
 * ({@code /client/register}, {@code /device_authorization}, {@code /token}, which says
 * "authorization pending" a given number of times before it issues the token).
 */
public final class SsoStub implements AutoCloseable {
    public static final String ACCESS_TOKEN = "stub-access-token";

    private final HttpServer server;
    private final AtomicInteger pending;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Credentials credentials;

    public SsoStub(int pendingPolls) throws IOException {
        this.pending = new AtomicInteger(pendingPolls);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The credentials the portal hands out. */
    public void serve(Credentials credentials) {
        this.credentials = credentials;
    }

    public List<String> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String body;
        int status = 200;
        switch (path) {
            case "/federation/credentials" -> {
                String bearer = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
                if (!ACCESS_TOKEN.equals(bearer) || credentials == null) {
                    status = 401;
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "UnauthorizedException");
                    body = "{\"message\":\"Session token not found or invalid\"}";
                } else {
                    body = "{\"roleCredentials\":{\"accessKeyId\":\"" + credentials.accessKeyId()
                            + "\",\"secretAccessKey\":\"" + credentials.secretAccessKey() + "\",\"sessionToken\":\""
                            + credentials.sessionToken() + "\",\"expiration\":"
                            + (System.currentTimeMillis() + 3_600_000) + "}}";
                }
            }
            case "/client/register" -> body = "{\"clientId\":\"stub-client\",\"clientSecret\":\"stub-secret\","
                    + "\"clientIdIssuedAt\":" + (System.currentTimeMillis() / 1000) + ",\"clientSecretExpiresAt\":"
                    + (System.currentTimeMillis() / 1000 + 7_776_000) + "}";
            case "/device_authorization" -> body = "{\"deviceCode\":\"stub-device\",\"userCode\":\"ABCD-EFGH\","
                    + "\"verificationUri\":\"https://device.sso.example/\",\"verificationUriComplete\":"
                    + "\"https://device.sso.example/?user_code=ABCD-EFGH\",\"expiresIn\":600,\"interval\":1}";
            case "/token" -> {
                if (pending.getAndDecrement() > 0) {
                    status = 400;
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "AuthorizationPendingException");
                    body = "{\"error\":\"authorization_pending\"}";
                } else {
                    body = "{\"accessToken\":\"" + ACCESS_TOKEN + "\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
                            + "\"refreshToken\":\"stub-refresh\"}";
                }
            }
            default -> {
                status = 404;
                body = "{}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
