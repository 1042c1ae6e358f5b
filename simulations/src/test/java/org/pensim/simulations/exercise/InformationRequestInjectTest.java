package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/**
 * The information-request inject from end to end, as the exporting officer lives it: the partner asks, the case
 * waits for the officer (it is not taken as answered because the registry's receipt made it DELIVERED), the
 * officer answers on the desk, and the partner is satisfied and clears it.
 */
class InformationRequestInjectTest {

    @Test
    void the_partner_waits_for_the_officers_answer_then_clears() throws Exception {
        Path out = Files.createTempDirectory("pensim-info-request");
        try (Exercise exercise = Exercise.start(ExercisePlanLoader.load(Path.of("exercises/two-country.yaml")), out,
                Clock.systemUTC())) {
            String id = exercise.fire("ae-asks", "Trainer");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> states(exercise, "ae-asks").contains("INFO_REQUESTED"));
            // Several observations of the exercise later, the case still waits for the officer.
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(states(exercise, "ae-asks")).doesNotContain("ANSWERED");

            Exercise.Participant jonas = exercise.participants().stream().filter(p -> "Jonas Weber".equals(p.name()))
                    .findFirst().orElseThrow();
            String desk = "http://127.0.0.1:" + exercise.exporterPort("DE");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(desk + "/api/session"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            ProtocolJson.mapper().createObjectNode().put("username", exercise.deskUsername(jonas))
                                    .put("password", jonas.code()).toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
            String cookie = session.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
            String csrf = ProtocolJson.parse(session.body()).get("csrfToken").asText();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(desk + "/api/notifications/" + id + "/answer"))
                    .header("content-type", "application/json").header("cookie", cookie).header(OfficerSignIn.CSRF_HEADER, csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"end-user certificate attached\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> states(exercise, "ae-asks").contains("NO_OBJECTION"));
            assertThat(states(exercise, "ae-asks")).containsSubsequence("INFO_REQUESTED", "ANSWERED", "NO_OBJECTION");

            // The exercise's reply deadline, not IN's own 15 working days, for what the officer types: it must fall within
            // the ten days of the exercise (a helper found officers' notifications due after its end).
            int days = exercise.plan().replyDeadlineDays();
            HttpResponse<String> precheck = http.send(HttpRequest.newBuilder(URI.create(desk
                    + "/api/precheck?importingCountry=IN&substance=ephedrine&quantityKg=10")).header("cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(precheck.statusCode()).as(precheck.body()).isEqualTo(200);
            assertThat(ProtocolJson.parse(precheck.body()).path("summary").asText()).contains("(" + days + " calendar days)");
            // And the deadline the answer restarted is the exercise's too.
            java.time.LocalDate restarted = java.time.LocalDate.parse(ProtocolJson.parse(http.send(HttpRequest.newBuilder(
                    URI.create(desk + "/api/notifications/" + id + "/view")).header("cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("replyDeadline").asText());
            assertThat(restarted).isBeforeOrEqualTo(java.time.LocalDate.ofInstant(exercise.plan().start(), java.time.ZoneOffset.UTC)
                    .plusDays(exercise.plan().durationDays()));
        }
    }

    private static List<String> states(Exercise exercise, String inject) {
        return exercise.recording().events().stream().filter(e -> e.kind() == Kind.STATE && inject.equals(e.text("inject")))
                .map(e -> e.text("state")).toList();
    }
}
