package org.pensim.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.registry.TestOfficers;

/** The officers' sign-in over real HTTP: what needs a session, what needs the anti-forgery token, and the cookie. */
class OfficerSignInTest {

    static Vertx vertx;
    static HttpServer server;
    static HttpServer otherNode;
    static final List<String> changes = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = serve("pensim-test-A");
        otherNode = serve("pensim-test-B");
    }

    private static HttpServer serve(String cookie) throws Exception {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create());
        new OfficerSignIn(TestOfficers.sessions(), cookie, vertx.createSharedWorkerExecutor("sign-in-test", 1)).install(router);
        router.get("/api/data").handler(ctx -> ctx.json(List.of("queue")));
        router.post("/api/change").handler(ctx -> {
            OfficerSessions.Officer o = OfficerSignIn.officer(ctx);
            changes.add(o.username() + "|" + o.name());
            ctx.json(List.of("changed"));
        });
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static HttpResponse<String> send(HttpServer to, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.actualPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> r, int status, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(ProtocolJson.parse(r.body()).path("detail").asText()).contains(detail);
    }

    @Test
    void without_a_session_the_api_answers_401_and_changes_nothing() throws Exception {
        assertProblem(send(server, "GET", "/api/data", null), 401, "sign in first");
        assertProblem(send(server, "POST", "/api/change", "{}"), 401, "sign in first");
        assertProblem(send(server, "GET", "/api/data", null, "Cookie", "pensim-test-A=forged"), 401, "sign in first");
        assertThat(changes).isEmpty();
        assertThat(send(server, "GET", "/officer.js", null).headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/javascript"));
    }

    @Test
    void sign_in_refusals_are_problems_in_words() throws Exception {
        assertProblem(send(server, "POST", "/api/session", "not json"), 400, "\"username\"");
        assertProblem(send(server, "POST", "/api/session", "{\"username\":\"a.officer\"}"), 400, "\"password\"");
        assertProblem(send(server, "POST", "/api/session", "{\"username\":\"a.officer\",\"password\":\"nope\"}"), 401,
                "unknown user name or wrong password");
        assertProblem(send(server, "POST", "/api/session", "{\"username\":\"nobody\",\"password\":\"nope\"}"), 401,
                "unknown user name or wrong password");
    }

    @Test
    void a_session_cookie_is_http_only_same_site_strict_and_secure_and_changes_need_the_session_token() throws Exception {
        HttpResponse<String> in = send(server, "POST", "/api/session", "{\"username\":\"" + TestOfficers.USERNAME
                + "\",\"password\":\"" + TestOfficers.PASSWORD + "\"}");
        assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
        String setCookie = in.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie.toLowerCase(java.util.Locale.ROOT)).startsWith("pensim-test-a=")
                .contains("; httponly", "; samesite=strict", "; secure", "; path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = ProtocolJson.parse(in.body()).get("csrfToken").asText();
        assertThat(in.body()).doesNotContain(cookie.substring(cookie.indexOf('=') + 1)).contains(TestOfficers.NAME);

        HttpResponse<String> data = send(server, "GET", "/api/data", null, "Cookie", cookie);
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.headers().firstValue("cache-control")).as("a session's data is not kept by the browser").hasValue("no-store");
        assertThat(ProtocolJson.parse(send(server, "GET", "/api/session", null, "Cookie", cookie).body()).get("csrfToken")
                .asText()).isEqualTo(csrf);
        assertProblem(send(server, "POST", "/api/change", "{}", "Cookie", cookie), 403, "X-CSRF-Token");
        assertProblem(send(server, "POST", "/api/change", "{}", "Cookie", cookie, "X-CSRF-Token", csrf + "x"), 403,
                "X-CSRF-Token");
        assertThat(changes).isEmpty();
        assertThat(send(server, "POST", "/api/change", "{}", "Cookie", cookie, "X-CSRF-Token", csrf).statusCode()).isEqualTo(200);
        assertThat(changes).containsExactly(TestOfficers.USERNAME + "|" + TestOfficers.NAME);

        // Another node does not know this session, even under its own cookie name.
        assertProblem(send(otherNode, "GET", "/api/data", null, "Cookie", cookie.replace("pensim-test-A", "pensim-test-B")),
                401, "sign in first");

        assertProblem(send(server, "DELETE", "/api/session", null, "Cookie", cookie), 403, "X-CSRF-Token");
        HttpResponse<String> out = send(server, "DELETE", "/api/session", null, "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
        assertProblem(send(server, "GET", "/api/data", null, "Cookie", cookie), 401, "sign in first");
        changes.clear();
    }
}
