package dev.rolechain;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for IAM and STS on the loopback interface, for the class-data training only ({@link CdsTraining}): it
 * answers the Query-protocol calls that {@code rolechain apply} and {@code plan} make (who am I, OIDC providers, roles,
 * their inline and attached policies) from memory, one account per access key, so that the training runs the SDK's
 * clients, signing, HTTP and XML as a real apply does. It is not an emulator to test against (the tests use moto), and
 * it never leaves the process: it binds 127.0.0.1 on a free port and holds nothing but what the training writes.
 */
final class TrainingAws implements AutoCloseable {
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final ServerSocket server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    private TrainingAws(ServerSocket server) {
        this.server = server;
    }

    static TrainingAws start() throws IOException {
        TrainingAws aws = new TrainingAws(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(aws::accept, "rolechain-training-aws");
        acceptor.setDaemon(true);
        acceptor.start();
        return aws;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** A shared AWS config whose profiles reach this server, each with a key that acts in its account. */
    String sharedConfig(Map<String, String> accountByProfile) {
        StringBuilder config = new StringBuilder();
        accountByProfile.forEach((profile, account) -> config.append("[profile ").append(profile).append("]\n")
                .append("aws_access_key_id = TRAINING").append(account).append('\n')
                .append("aws_secret_access_key = training\n")
                .append("region = us-east-1\n")
                .append("endpoint_url = ").append(endpoint()).append("\n\n"));
        return config.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "rolechain-training-aws-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** HTTP/1.1 with keep-alive, as the SDK's client speaks it: a request line, headers, a Content-Length body. */
    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                Map<String, String> headers = new LinkedHashMap<>();
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon > 0) {
                        headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                    }
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                Reply reply = answer(form(new String(body, StandardCharsets.UTF_8)), account(headers.get("authorization")));
                byte[] xml = reply.xml().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + reply.status() + (reply.status() == 200 ? " OK" : " Error") + "\r\n"
                        + "Content-Type: text/xml\r\nContent-Length: " + xml.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(xml);
                out.flush();
            }
        } catch (SocketException e) {
            // the client closed the connection
        } catch (IOException | RuntimeException e) {
            Console.err("rolechain: class-data training: the stand-in for AWS failed: " + e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** The account a request acts in: the twelve digits of its signing key ({@code Credential=TRAINING<account>/…}). */
    private static String account(String authorization) {
        int at = authorization == null ? -1 : authorization.indexOf("Credential=TRAINING");
        return at < 0 ? "000000000000" : authorization.substring(at + 19, at + 31);
    }

    private record Reply(int status, String xml) {
    }

    private static final class Role {
        final String name;
        final String path;
        final String trust;
        String description;
        String maxSessionDuration = "3600";
        String boundary;
        final Map<String, String> inline = new LinkedHashMap<>();
        final List<String> attached = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();

        Role(String name, String path, String trust) {
            this.name = name;
            this.path = path;
            this.trust = trust;
        }
    }

    private static final class Account {
        final Map<String, Role> roles = new LinkedHashMap<>();
        final Map<String, List<String>> providers = new LinkedHashMap<>();
    }

    private Reply answer(Map<String, String> p, String accountId) {
        String action = p.getOrDefault("Action", "");
        if (action.equals("GetCallerIdentity")) {
            return new Reply(200, "<GetCallerIdentityResponse xmlns=\"" + STS_NS + "\"><GetCallerIdentityResult><Arn>arn:aws:iam::"
                    + accountId + ":user/training</Arn><UserId>AIDATRAINING</UserId><Account>" + accountId
                    + "</Account></GetCallerIdentityResult>" + metadata() + "</GetCallerIdentityResponse>");
        }
        Account account = accounts.computeIfAbsent(accountId, a -> new Account());
        synchronized (account) {
            Role role = account.roles.get(p.getOrDefault("RoleName", ""));
            String arnPrefix = "arn:aws:iam::" + accountId + ":";
            switch (action) {
                case "ListOpenIDConnectProviders": {
                    StringBuilder list = new StringBuilder();
                    account.providers.keySet().forEach(url -> list.append("<member><Arn>").append(arnPrefix).append("oidc-provider/")
                            .append(xml(url)).append("</Arn></member>"));
                    return ok(action, "<OpenIDConnectProviderList>" + list + "</OpenIDConnectProviderList>");
                }
                case "GetOpenIDConnectProvider": {
                    String arn = p.getOrDefault("OpenIDConnectProviderArn", "");
                    String url = arn.substring(arn.indexOf("oidc-provider/") + "oidc-provider/".length());
                    List<String> clientIds = account.providers.get(url);
                    return clientIds == null ? noSuchEntity("OpenIDConnect provider " + arn)
                            : ok(action, "<Url>" + xml(url) + "</Url><ClientIDList>" + members(clientIds)
                                    + "</ClientIDList><ThumbprintList/><Tags/>");
                }
                case "CreateOpenIDConnectProvider": {
                    String url = p.getOrDefault("Url", "").replaceFirst("^https://", "");
                    account.providers.put(url, values(p, "ClientIDList.member."));
                    return ok(action, "<OpenIDConnectProviderArn>" + arnPrefix + "oidc-provider/" + xml(url) + "</OpenIDConnectProviderArn>");
                }
                case "CreateRole": {
                    Role created = new Role(p.get("RoleName"), p.getOrDefault("Path", "/"), p.get("AssumeRolePolicyDocument"));
                    created.description = p.get("Description");
                    created.maxSessionDuration = p.getOrDefault("MaxSessionDuration", "3600");
                    created.boundary = p.get("PermissionsBoundary");
                    for (int i = 1; p.containsKey("Tags.member." + i + ".Key"); i++) {
                        created.tags.put(p.get("Tags.member." + i + ".Key"), p.get("Tags.member." + i + ".Value"));
                    }
                    account.roles.put(created.name, created);
                    return ok(action, roleXml(created, arnPrefix));
                }
                case "GetRole":
                    return role == null ? noSuchEntity("Role " + p.get("RoleName")) : ok(action, roleXml(role, arnPrefix));
                case "ListRolePolicies":
                    return role == null ? noSuchEntity("Role " + p.get("RoleName"))
                            : ok(action, "<PolicyNames>" + members(role.inline.keySet()) + "</PolicyNames><IsTruncated>false</IsTruncated>");
                case "GetRolePolicy": {
                    String document = role == null ? null : role.inline.get(p.get("PolicyName"));
                    return document == null ? noSuchEntity("Policy " + p.get("PolicyName"))
                            : ok(action, "<RoleName>" + xml(role.name) + "</RoleName><PolicyName>" + xml(p.get("PolicyName"))
                                    + "</PolicyName><PolicyDocument>" + encoded(document) + "</PolicyDocument>");
                }
                case "ListAttachedRolePolicies": {
                    if (role == null) {
                        return noSuchEntity("Role " + p.get("RoleName"));
                    }
                    StringBuilder list = new StringBuilder();
                    role.attached.forEach(arn -> list.append("<member><PolicyName>").append(xml(arn.substring(arn.lastIndexOf('/') + 1)))
                            .append("</PolicyName><PolicyArn>").append(xml(arn)).append("</PolicyArn></member>"));
                    return ok(action, "<AttachedPolicies>" + list + "</AttachedPolicies><IsTruncated>false</IsTruncated>");
                }
                case "ListRoleTags": {
                    if (role == null) {
                        return noSuchEntity("Role " + p.get("RoleName"));
                    }
                    return ok(action, "<Tags>" + tags(role.tags) + "</Tags><IsTruncated>false</IsTruncated>");
                }
                case "PutRolePolicy":
                    if (role == null) {
                        return noSuchEntity("Role " + p.get("RoleName"));
                    }
                    role.inline.put(p.get("PolicyName"), p.get("PolicyDocument"));
                    return ok(action, "");
                case "UpdateRole":
                    if (role == null) {
                        return noSuchEntity("Role " + p.get("RoleName"));
                    }
                    role.description = p.getOrDefault("Description", role.description);
                    role.maxSessionDuration = p.getOrDefault("MaxSessionDuration", role.maxSessionDuration);
                    return ok(action, "");
                case "PutRolePermissionsBoundary":
                    if (role == null) {
                        return noSuchEntity("Role " + p.get("RoleName"));
                    }
                    role.boundary = p.get("PermissionsBoundary");
                    return ok(action, "");
                case "AttachRolePolicy":
                    if (role == null) {
                        return noSuchEntity("Role " + p.get("RoleName"));
                    }
                    if (!role.attached.contains(p.get("PolicyArn"))) {
                        role.attached.add(p.get("PolicyArn"));
                    }
                    return ok(action, "");
                default:
                    // any other write the training does not make is answered as done, with nothing in its result
                    return ok(action, "");
            }
        }
    }

    private static String roleXml(Role role, String arnPrefix) {
        return "<Role><Path>" + xml(role.path) + "</Path><RoleName>" + xml(role.name) + "</RoleName><RoleId>AROATRAINING</RoleId><Arn>"
                + arnPrefix + "role" + xml(role.path) + xml(role.name) + "</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>"
                + "<AssumeRolePolicyDocument>" + encoded(role.trust) + "</AssumeRolePolicyDocument>"
                + (role.description == null ? "" : "<Description>" + xml(role.description) + "</Description>")
                + "<MaxSessionDuration>" + xml(role.maxSessionDuration) + "</MaxSessionDuration>"
                + (role.boundary == null ? "" : "<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
                        + "<PermissionsBoundaryArn>" + xml(role.boundary) + "</PermissionsBoundaryArn></PermissionsBoundary>")
                + "<Tags>" + tags(role.tags) + "</Tags></Role>";
    }

    private static String tags(Map<String, String> tags) {
        StringBuilder xml = new StringBuilder();
        tags.forEach((k, v) -> xml.append("<member><Key>").append(xml(k)).append("</Key><Value>").append(xml(v)).append("</Value></member>"));
        return xml.toString();
    }

    private static String members(Iterable<String> values) {
        StringBuilder xml = new StringBuilder();
        values.forEach(v -> xml.append("<member>").append(xml(v)).append("</member>"));
        return xml.toString();
    }

    private static List<String> values(Map<String, String> p, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; p.containsKey(prefix + i); i++) {
            values.add(p.get(prefix + i));
        }
        return values;
    }

    /** A policy document as IAM returns it: URL-encoded, a space as %20. */
    private static String encoded(String document) {
        return URLEncoder.encode(document == null ? "" : document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Reply ok(String action, String result) {
        return new Reply(200, "<" + action + "Response xmlns=\"" + IAM_NS + "\"><" + action + "Result>" + result + "</" + action
                + "Result>" + metadata() + "</" + action + "Response>");
    }

    private static Reply noSuchEntity(String what) {
        return new Reply(404, "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                + "<Message>" + xml(what) + " not found</Message></Error><RequestId>training</RequestId></ErrorResponse>");
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>training</RequestId></ResponseMetadata>";
    }

    private static String xml(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
