package org.pensim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.OfficerAccount;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.officer.PasswordHash;
import org.pensim.protocol.officer.SignInPolicy;

/** Officers for tests of the nodes' pages: one account per node, and an HTTP client that signs in as it. */
public final class TestOfficers {

    public static final String USERNAME = "a.officer";
    public static final String NAME = "Anna Officer";
    public static final String PASSWORD = "correct horse battery staple";
    private static final String HASH = PasswordHash.create(PASSWORD.toCharArray(), new SecureRandom());

    private TestOfficers() {
    }

    /** The sessions of a node whose one officer is {@value #USERNAME}, with the default policy (Secure cookies). */
    public static OfficerSessions sessions(Clock clock) {
        return new OfficerSessions(List.of(new OfficerAccount(USERNAME, NAME, HASH)), SignInPolicy.defaults(), clock,
                new SecureRandom());
    }

    public static OfficerSessions sessions() {
        return sessions(Clock.systemUTC());
    }

    /** A signed-in officer's HTTP client for one node: it sends the session cookie and the anti-forgery token. */
    public record Signed(int port, String cookie, String csrfToken) {

        public JsonNode post(String path, String json) throws Exception {
            return answer(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookie)
                    .header("X-CSRF-Token", csrfToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        public JsonNode get(String path) throws Exception {
            return answer(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookie)
                    .GET().build());
        }
    }

    /** Signs in to the node listening on {@code port}. */
    public static Signed signIn(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/session")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + USERNAME + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in refused: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        return new Signed(port, setCookie.substring(0, setCookie.indexOf(';')),
                ProtocolJson.parse(r.body()).get("csrfToken").asText());
    }

    /** The answer's JSON with its status as {@code httpStatus} (arrays wrapped as {@code items}). */
    static JsonNode answer(HttpRequest request) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? ProtocolJson.mapper().createObjectNode() : ProtocolJson.parse(r.body());
        ObjectNode out = body.isObject() ? (ObjectNode) body : ProtocolJson.mapper().createObjectNode().set("items", body);
        out.put("httpStatus", r.statusCode());
        out.put("contentType", r.headers().firstValue("content-type").orElse(""));
        return out;
    }
}
