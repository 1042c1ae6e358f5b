package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.exercise.Exercise.Participant;

/**
 * A two-country exercise in a real headless browser (Debian's Chromium and ChromeDriver, which
 * .ci/run installs): India's officer signs in with her code, objects to the suspicious inject on her
 * review queue, and the trainer's console scores it; the trainer fires an inject and ends the
 * exercise; the debrief and a replay of the recording tell the same story.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExerciseBrowserTest {

    static Path out;
    static Exercise exercise;
    static Vertx web;
    static ExerciseServer server;
    static WebDriver browser;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        ExercisePlan p = ExercisePlanLoader.load(Path.of("exercises/two-country.yaml"));
        // Half a wall minute a simulated day: the first inject fires six seconds in.
        ExercisePlan plan = p.withMinutesPerDay(0.5);
        out = Files.createTempDirectory("pensim-exercise");
        exercise = Exercise.start(plan, out, Clock.systemUTC());
        web = Vertx.vertx();
        server = ExerciseServer.live(web, exercise, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = org.pensim.registry.HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        // The console redraws its tables every second and a half: an element read mid-redraw is simply read again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (exercise != null) {
            exercise.close();
        }
        if (web != null) {
            web.close();
        }
    }

    static Participant participant(String name) {
        return exercise.participants().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static void signIn(String name) {
        browser.get(base + "/");
        wait.until(d -> !d.findElements(By.id("code")).isEmpty());
        org.pensim.registry.Accessibility.check(browser, "the exercise's sign-in page");
        var code = browser.findElement(By.id("code"));
        code.clear();
        code.sendKeys(participant(name).code());
        browser.findElement(By.cssSelector("#signin button")).click();
    }

    @Test
    @Order(1)
    void an_officer_objects_to_the_inject_on_her_desk_and_the_trainer_console_scores_it() {
        signIn("Priya Raman");
        wait.until(d -> d.getCurrentUrl().endsWith("/c/IN/") && d.findElement(By.id("who")).getText().contains("Priya Raman"));
        org.pensim.registry.Accessibility.check(browser, "an officer's desks page");
        browser.findElement(By.id("importing")).click();
        // Issue 20, item 5: the inject's notification is numbered like the background trade's, nothing gives it away.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !exercise.firedInjects()
                .getOrDefault("front-company-pse", "").isEmpty());
        String id = exercise.firedInjects().get("front-company-pse");
        assertThat(id).matches("DE-2026-\\d{5}");
        String row = "q-" + id;
        wait.until(d -> !d.findElements(By.id(row)).isEmpty());
        // The desk shows the exercise's time and the way back to the briefing and the other desk.
        wait.until(d -> d.findElement(By.id("exercise-clock")).getText().startsWith("exercise time 2026-"));
        assertThat(browser.findElement(By.id("exercise-home")).getAttribute("href")).endsWith("/c/IN/");
        org.pensim.registry.Accessibility.check(browser, "the importing desk in an exercise");
        org.pensim.registry.Screenshots.save(browser, "exercise-importing-desk");
        assertThat(text("#" + row)).contains("OPERATOR_UNKNOWN", "RISKY_ROUTE");
        browser.findElement(By.cssSelector("#" + row + " button[data-d='OBJECTION']")).click();
        wait.until(d -> d.findElement(By.id("ask")).isDisplayed());
        var reason = browser.findElement(By.id("ask-text"));
        reason.sendKeys("unlicensed trading company, routed via AF");
        browser.findElement(By.id("ask-send")).click();
        wait.until(d -> !d.findElements(By.id("d-" + id)).isEmpty()
                && d.findElement(By.cssSelector("#d-" + id + " .decision")).getText().equals("objection"));
        // The node records the decision with the participant who took it (issue 19, defect 4); no second sign-in.
        assertThat(text("#d-" + id + " .by")).isEqualTo("Priya Raman");
        assertThat(text("#officer-name")).contains("Priya Raman");
        assertThat(browser.findElements(By.id("sign-out"))).isEmpty();

        // The briefing: the scenario, objectives and roles; what this officer sees; no injects for officers.
        browser.get(base + "/briefing");
        wait.until(d -> d.getTitle().startsWith("Briefing"));
        assertThat(text("#scenario")).contains("divert pseudoephedrine");
        assertThat(text("#objectives")).contains("decide before its reply deadline");
        assertThat(text("#what-you-see")).contains("competent authority of IN");
        assertThat(browser.getPageSource()).doesNotContain("front-company-pse");
        org.pensim.registry.Accessibility.check(browser, "an officer's briefing");
        org.pensim.registry.Screenshots.save(browser, "exercise-briefing");

        signIn("Trainer");
        wait.until(d -> d.getCurrentUrl().endsWith("/trainer/") && !d.findElements(By.cssSelector("#country-IN .points")).isEmpty());
        browser.get(base + "/briefing");
        wait.until(d -> d.getTitle().startsWith("Briefing"));
        assertThat(text("#injects")).contains("front-company-pse", "OBJECTION");
        browser.get(base + "/trainer/");
        wait.until(d -> !d.findElements(By.cssSelector("#country-IN .points")).isEmpty());
        wait.until(d -> d.findElement(By.cssSelector("#country-IN .points")).getText().equals("15"));
        org.pensim.registry.Accessibility.check(browser, "the trainer's console");
        org.pensim.registry.Screenshots.save(browser, "exercise-trainer-console");
        // Read through the wait: the console may redraw between finding an element and reading it.
        assertThat(text("#country-IN .right")).isEqualTo("1");
        assertThat(text("#participants tr[data-name='Priya Raman'] .points")).isEqualTo("15");
        assertThat(text("#inject-front-company-pse .acted")).contains("by Priya Raman: OBJECTION");
        // The sign-in codes are on the trainer's console, for handing out.
        assertThat(text("#codes")).contains(participant("Jonas Weber").code());
    }

    @Test
    @Order(2)
    void the_trainer_fires_an_inject_pauses_time_and_ends_the_exercise() throws Exception {
        // Issue 20: the events list changes during play: an inject added, moved, noted and cancelled, all recorded.
        ((JavascriptExecutor) browser).executeScript("window.confirm = () => true;");
        browser.findElement(By.cssSelector("#add-inject-section summary")).click();
        typeInto("ai-id", "late-addition");
        typeInto("ai-day", "9.5");
        typeInto("ai-from", "DE");
        typeInto("ai-to", "IN");
        typeInto("ai-kg", "500");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("ai-expected"))).selectByVisibleText("NO_OBJECTION");
        typeInto("ai-description", "a licit acetone order, added in play");
        browser.findElement(By.cssSelector("#add-inject button[type=submit]")).click();
        // The refusal is said beside the form, where the trainer looks, not at the top of the page.
        wait.until(d -> d.findElement(By.id("ai-result")).getText().contains("inject.substance: a substance id of the catalogue is required"));
        assertThat(text("#error")).isEmpty();
        typeInto("ai-substance", "acetone");
        browser.findElement(By.cssSelector("#add-inject button[type=submit]")).click();
        wait.until(d -> !d.findElements(By.id("inject-late-addition")).isEmpty());
        wait.until(d -> d.findElement(By.id("ai-result")).getText().equals("added late-addition to the events list"));
        assertThat(browser.findElement(By.id("ai-id")).getAttribute("value")).as("the form is cleared for the next").isEmpty();
        assertThat(text("#inject-late-addition")).contains("(added)", "day 9.5", "a licit acetone order");
        org.pensim.registry.Accessibility.check(browser, "the trainer's console with the add-inject form open");
        var day = browser.findElement(By.id("move-late-addition"));
        day.clear();
        day.sendKeys("9");
        browser.findElement(By.cssSelector("button[data-move='late-addition']")).click();
        wait.until(d -> d.findElement(By.id("inject-late-addition")).getText().contains("day 9"));
        typeInto("note-text", "moved: the room needs a quieter last day");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("note-inject"))).selectByVisibleText("late-addition");
        browser.findElement(By.cssSelector("#note-form button")).click();
        wait.until(d -> d.findElement(By.id("notes")).getText().contains("moved: the room needs a quieter last day"));
        browser.findElement(By.cssSelector("button[data-cancel='late-addition']")).click();
        wait.until(d -> d.findElement(By.id("inject-late-addition")).getText().contains("cancelled"));
        wait.until(d -> d.findElement(By.id("recent")).getText().contains("Trainer cancelled inject late-addition."));
        assertThat(text("#recent")).contains("Trainer added inject late-addition to the events list, for day 9.5.",
                "Trainer moved inject late-addition to day 9.0.", "Note by Trainer (inject late-addition): moved: the room needs");
        assertThat(exercise.eventsList().cancelled("late-addition")).isTrue();
        org.pensim.registry.Screenshots.save(browser, "exercise-events-list");
        browser.findElement(By.cssSelector("button[data-fire='regular-customer']")).click();
        wait.until(d -> d.findElement(By.id("inject-regular-customer")).getText().contains("fired"));
        assertThat(exercise.firedInjects()).containsKey("regular-customer");
        assertThat(browser.findElement(By.id("resume")).isEnabled()).as("resume while running").isFalse();
        browser.findElement(By.id("pause")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().equals("paused"));
        wait.until(d -> !d.findElement(By.id("pause")).isEnabled() && d.findElement(By.id("resume")).isEnabled());
        assertThat(exercise.clock().paused()).isTrue();
        var before = exercise.clock().instant();
        org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> exercise.clock().instant().equals(before));
        browser.findElement(By.id("resume")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith("running"));
        ((JavascriptExecutor) browser).executeScript("window.confirm = () => true;");
        browser.findElement(By.id("end")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().equals("ended"));
        assertThat(exercise.ended()).isTrue();
        assertThat(text("#mode")).isEqualTo("ended");
        // Nothing on the ended console offers what it no longer does.
        assertThat(browser.findElement(By.id("injects-open")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("button[data-fire]"))).isEmpty();

        // The debrief is written as the exercise ends; the PDF, last, is moved into place whole.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out.resolve("debrief.pdf")));
        List<String> csv = Files.readAllLines(out.resolve("debrief.csv"));
        assertThat(csv.get(0)).startsWith("inject,kind,from,to,expected");
        assertThat(csv).anySatisfy(line -> assertThat(line).startsWith("front-company-pse,SHIPMENT,DE,IN,OBJECTION")
                .contains("Priya Raman", ",OBJECTION,", ",15,"));
        assertThat(csv).anySatisfy(line -> assertThat(line).startsWith("regular-customer,SHIPMENT").contains(",Trainer,"));
        // The after-action report (jte): per inject what happened, who acted and why, strengths and gaps, the log in words.
        String report = Files.readString(out.resolve("debrief.html"));
        assertThat(report).contains("After-action report", "Priya Raman", "front-company-pse",
                "decided OBJECTION on", "unlicensed trading company, routed via AF", "Strengths", "Gaps",
                "The scoreboard over time", "Inject front-company-pse fired (on schedule)",
                "moved: the room needs a quieter last day", "late-addition <span class=\"muted\">(SHIPMENT, DE to IN, cancelled (added in play))");
        assertThat(csv.get(0)).endsWith(",notes,actions,evaluatorNotes");
        // Each participant's median time to act, as on the console.
        assertThat(report).contains("<th>wrong</th><th>median hours to act</th><th>points</th></tr>");
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(out.resolve("debrief.pdf").toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("After-action report", "front-company-pse", "Priya Raman");
        }
        java.nio.file.attribute.FileTime draft = Files.exists(out.resolve("debrief-now/debrief.html"))
                ? Files.getLastModifiedTime(out.resolve("debrief-now/debrief.html")) : null;
        browser.get(base + "/trainer/debrief.html");
        wait.until(d -> d.getTitle().startsWith("After-action report"));
        // Once ended, the console serves the final report instead of writing a draft again.
        assertThat(Files.exists(out.resolve("debrief-now/debrief.html"))
                ? Files.getLastModifiedTime(out.resolve("debrief-now/debrief.html")) : null).isEqualTo(draft);
        org.pensim.registry.Accessibility.check(browser, "the after-action report");
        org.pensim.registry.Screenshots.save(browser, "exercise-after-action-report");
        browser.get(base + "/trainer/hotwash");
        wait.until(d -> d.getTitle().startsWith("Hot wash"));
        assertThat(text("#countries")).contains("IN", "15");
        assertThat(browser.getPageSource()).doesNotContain(participant("Priya Raman").code());
        org.pensim.registry.Accessibility.check(browser, "the hot-wash page");
        org.pensim.registry.Screenshots.save(browser, "exercise-hotwash");
    }

    @Test
    @Order(3)
    void officers_reach_only_their_own_country_and_not_the_console() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String cookie = signInCookie(http, participant("Priya Raman").code());
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/c/DE/importer/api/queue"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("Priya Raman plays IN and may not use the desks of DE");
        // A browser that opens the address itself gets the reason in words and a way back, not JSON.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/c/DE/importer/"))
                .header("Cookie", cookie).header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("may not use the desks of DE", "Back to the exercise").doesNotContain("about:blank");
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create(base + "/trainer/api/state"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(403);
        // Issue 19, defect 4: an observer sees the console but not anyone's sign-in code.
        String observer = signInCookie(http, participant("Observer").code());
        HttpResponse<String> watched = http.send(HttpRequest.newBuilder(URI.create(base + "/trainer/api/state"))
                .header("Cookie", observer).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(watched.statusCode()).isEqualTo(200);
        assertThat(watched.body()).contains("\"Trainer\"").doesNotContain(participant("Trainer").code(),
                participant("Priya Raman").code(), "\"code\"");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/c/IN/importer/api/queue")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongCode = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signin"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"NOT-A-CODE\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongCode.statusCode()).isEqualTo(401);
        assertThat(wrongCode.body()).contains("no participant of exercise two-country has this code");
        // The exercise has ended: the trainer cannot fire any more.
        String trainer = signInCookie(http, participant("Trainer").code());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/trainer/api/injects/ae-asks/fire"))
                .header("Cookie", trainer).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a change without the anti-forgery token").isEqualTo(403);
        assertThat(forged.body()).contains("X-CSRF-Token");
        String csrf = ProtocolJson.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Cookie", trainer)
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("csrfToken").asText();
        HttpResponse<String> late = http.send(HttpRequest.newBuilder(URI.create(base + "/trainer/api/injects/ae-asks/fire"))
                .header("Cookie", trainer).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("the exercise has ended");
        // Nor can an officer act on her desk, which she can still read.
        String officerCsrf = ProtocolJson.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("csrfToken").asText();
        HttpResponse<String> decision = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/c/IN/importer/api/notifications/DE-2026-00003/decision")).header("Cookie", cookie)
                .header("X-CSRF-Token", officerCsrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"NO_OBJECTION\",\"reasons\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(decision.statusCode()).as(decision.body()).isEqualTo(409);
        assertThat(decision.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(decision.body()).contains("the desks are read-only now");
        HttpResponse<String> queue = http.send(HttpRequest.newBuilder(URI.create(base + "/c/IN/importer/api/queue"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queue.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void a_replay_of_the_recording_shows_the_same_scores_and_steps_back_through_time() throws Exception {
        ExerciseRecording recording = ExerciseRecording.read(out.resolve("recording.jsonl"));
        Scoreboard live = exercise.scoreboard();
        Scoreboard replayed = Scoreboard.of(recording.plan(), recording.events());
        assertThat(replayed.countries()).isEqualTo(live.countries());
        assertThat(replayed.participants()).isEqualTo(live.participants());
        assertThat(replayed.injects()).isEqualTo(live.injects());
        try (ExerciseServer replay = ExerciseServer.replay(web, recording, out.resolve("replay"), "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            var end = ProtocolJson.parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replay.port()
                    + "/trainer/api/state")).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
            assertThat(end.path("mode").asText()).isEqualTo("replay");
            assertThat(end.at("/clock/ended").asBoolean()).isTrue();
            var in = end.at("/scoreboard/countries");
            assertThat(in.toString()).contains("\"country\":\"IN\",\"points\":15");
            var start = ProtocolJson.parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replay.port()
                    + "/trainer/api/state?upTo=2")).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
            assertThat(start.at("/scoreboard/injects").size()).isZero();
            assertThat(start.path("lastSeq").asInt()).isEqualTo(2);
            browser.get("http://127.0.0.1:" + replay.port() + "/trainer/");
            wait.until(d -> d.findElement(By.id("mode")).getText().contains("replay"));
            wait.until(d -> !d.findElements(By.cssSelector("#country-IN .points")).isEmpty()
                    && d.findElement(By.cssSelector("#country-IN .points")).getText().equals("15"));
        }
    }

    static void typeInto(String id, String value) {
        var el = browser.findElement(By.id(id));
        el.clear();
        el.sendKeys(value);
    }

    static String text(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private String signInCookie(HttpClient http, String code) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signin"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }
}
