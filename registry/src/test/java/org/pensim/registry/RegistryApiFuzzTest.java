package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;

/**
 * Property-based fuzzing of the API (issue 19): signed and unsigned requests with random and mutated bodies,
 * content types and paths, to a real two-member cluster. Whatever is sent, the answer is never a 5xx, every
 * refusal is application/problem+json, and a refused submission stores nothing. A bounded campaign runs in
 * the suite; {@code -Djqwik.tries.default=N} runs a longer one.
 */
class RegistryApiFuzzTest {

    static TestCluster cluster;
    static AuthorityCredentials germany;
    static int port;
    static ErrorLog log;

    @BeforeContainer
    static void start() throws Exception {
        log = ErrorLog.capture();
        cluster = new TestCluster(2).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        port = cluster.members.get(0).httpPort();
    }

    @AfterContainer
    static void stop() {
        log.close();
        cluster.close();
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(Arbitraries.of("/v1/notifications", "/v1/notifications/DE-1/events", "/v1/authorities",
                "/v1/enrolment-tokens", "/v1/enrolments", "/v1/authorities/abc/revocation", "/v1/inbox", "/v1/notifications/%00",
                "/v1/countries/DE", "/v1/../health", "/v1/notifications?after=-1", "/v1/inbox?limit=99999999999"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(s -> "/v1/" + s.replace(" ", "")));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        String envelope = RegistryRejectionsTest.signedNotification(germany, "DE-FUZZ-1");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(0, Math.max(0, envelope.length() - 1)).flatMap(i -> Arbitraries.strings()
                        .withCharRange(' ', '~').ofMaxLength(3)
                        .map(s -> (envelope.substring(0, i) + s + envelope.substring(Math.min(envelope.length(), i + s.length())))
                                .getBytes(StandardCharsets.UTF_8))),
                Arbitraries.of("{}", "[]", "null", "{\"protected\":null}", "{\"document\":{\"id\":\"" + "x".repeat(5000) + "\"}}")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void no_request_gets_a_server_error_or_an_answer_that_is_not_problem_json(@ForAll("paths") String path,
            @ForAll("bodies") byte[] body, @ForAll boolean signed,
            @ForAll("contentTypes") String contentType, @ForAll("methods") String method) throws Exception {
        int before = stored();
        RegistryRejectionsTest.Answer a;
        try {
            a = RegistryRejectionsTest.raw(port, method, path, signed ? germany : null, method.equals("GET") ? null : body,
                    contentType, Map.of());
        } catch (IllegalArgumentException notAUri) {
            return; // the client itself refuses to send it
        }
        assertThat(a.status()).as("%s %s -> %s", method, path, a.body()).isLessThan(500);
        assertThat(log.errors()).as("nothing logged at ERROR, no stack trace").isEmpty();
        if (a.status() >= 400) {
            assertThat(a.contentType()).as("%s %s", method, path).isEqualTo("application/problem+json");
        }
        if (a.status() >= 400) {
            assertThat(stored()).as("a refused request stores nothing").isEqualTo(before);
        }
    }

    /** How many notifications the German exporter has at the registry. */
    private static int stored() throws Exception {
        JsonNode list = RegistryRejectionsTest.raw(port, "GET", "/v1/notifications", germany, null, null, Map.of()).body();
        return list.path("notifications").size() + list.path("entries").size() + list.path("items").size();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/jsonx", "text/plain", "",
                "application/problem+json", "multipart/form-data; boundary=x");
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH");
    }
}
