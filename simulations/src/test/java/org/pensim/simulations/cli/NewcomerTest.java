package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.exporter.ExporterNode;
import org.pensim.exporter.outbox.Outbox;
import org.pensim.importer.ImporterNode;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.registry.TestCluster;
import org.pensim.registry.TestOfficers;

/**
 * Issue 20, item 1: what a newcomer does with the README, from nothing to a notification in the importer's
 * queue. A key the registry does not know is refused in words, not retried; the operator enrols the
 * authorities (directly, or with a one-time token); the officer sends the refused notification again.
 */
class NewcomerTest {

    @TempDir
    Path dir;
    TestCluster cluster;
    ExporterNode germany;
    ImporterNode india;

    org.openqa.selenium.WebDriver browser;

    void signInWithBrowser(org.openqa.selenium.support.ui.WebDriverWait wait, int port) {
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(d -> !d.findElements(org.openqa.selenium.By.id("sign-in-username")).isEmpty()
                && d.findElement(org.openqa.selenium.By.id("sign-in-username")).isDisplayed());
        browser.findElement(org.openqa.selenium.By.id("sign-in-username")).sendKeys(TestOfficers.USERNAME);
        browser.findElement(org.openqa.selenium.By.id("sign-in-password")).sendKeys(TestOfficers.PASSWORD);
        browser.findElement(org.openqa.selenium.By.id("sign-in-submit")).click();
        wait.until(d -> d.findElement(org.openqa.selenium.By.id("app")).isDisplayed());
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (india != null) {
            india.close();
        }
        if (germany != null) {
            germany.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    ExporterNode exporter(Path keys) throws Exception {
        return ExporterNode.start(cluster.clientVertx, new ExporterNode.Settings("DE", AuthorityCredentials.read(
                keys.resolve("key.pem"), keys.resolve("cert.pem")), "127.0.0.1", cluster.members.get(0).httpPort(),
                "jdbc:h2:file:" + dir.resolve("de/outbox") + ";DB_CLOSE_ON_EXIT=FALSE", 100, 1000, 0, TestOfficers.sessions()),
                Clock.systemUTC());
    }

    Outbox.Entry entry(String id) {
        return germany.outbox().all().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void from_nothing_to_a_notification_in_the_importers_queue() throws Exception {
        cluster = new TestCluster(1).start();
        String registry = "127.0.0.1:" + cluster.members.get(0).httpPort();
        String operator = cluster.dir.resolve("ca/operator").toString();

        // A key made with the CA alone: the registry has never heard of it.
        assertThat(CliRun.of("keys", "new", "--ca", cluster.dir.resolve("ca").toString(), "--country", "DE", "--role",
                "exporting", "--out", dir.resolve("de").toString()).exitCode()).isZero();
        germany = exporter(dir.resolve("de"));
        var officer = TestOfficers.signIn(germany.httpPort());
        var form = "{\"id\":\"DE-NEW-0001\",\"exporterName\":\"Rheinchem Feinchemikalien GmbH\",\"importingCountry\":\"IN\","
                + "\"exporterStreet\":\"Industriestrasse 12\",\"exporterCity\":\"Ludwigshafen\",\"importerStreet\":\"Plot 7\","
                + "\"importerCity\":\"Hyderabad\",\"entryPoint\":\"Nhava Sheva\","
                + "\"importerName\":\"Deccan Pharma Formulations Pvt Ltd\",\"importerType\":\"PHARMACEUTICAL_MANUFACTURER\","
                + "\"substance\":\"pseudoephedrine\",\"form\":\"SALT\",\"salt\":\"hydrochloride\",\"concentration\":\"99.5\","
                + "\"quantityKg\":\"250\",\"transit\":\"\",\"mode\":\"SEA\",\"dispatch\":\"" + LocalDate.now().plusDays(40) + "\"}";
        assertThat(officer.post("/api/notifications/form", form).path("httpStatus").asInt()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "REFUSED".equals(entry("DE-NEW-0001").status()));
        assertThat(entry("DE-NEW-0001").lastError()).contains("(401)", "pensim authority enrol", "send again");
        int attempts = entry("DE-NEW-0001").attempts();
        // Over many send passes (every 100 ms) a permanent refusal is not asked again.
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> entry("DE-NEW-0001").attempts() == attempts);
        assertThat(entry("DE-NEW-0001").status()).isEqualTo("REFUSED");
        // The officer's page says why, and what to do, in words.
        browser = org.pensim.registry.HeadlessChromium.start();
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
        signInWithBrowser(wait, germany.httpPort());
        wait.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#row-DE-NEW-0001 .error")).isEmpty());
        assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#row-DE-NEW-0001 .error")).getText())
                .contains("refused by the registry (401)", "What to do", "pensim authority enrol");
        assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("#row-DE-NEW-0001 button[data-a='resend']"))).hasSize(1);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(org.openqa.selenium.By.id("row-DE-NEW-0001")));
        org.pensim.registry.Screenshots.save(browser, "exporter-refused-not-enrolled");
        germany.close();
        germany = null;

        // The operator enrols the exporting authority; the importing authority enrols itself with a token.
        CliRun enrolled = CliRun.of("authority", "enrol", "--registry", registry, "--operator", operator, "--country", "DE",
                "--role", "exporting", "--out", dir.resolve("de").toString(), "--force");
        assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
        assertThat(enrolled.out()).contains("enrolled the", "kid");
        CliRun token = CliRun.of("authority", "token", "--registry", registry, "--operator", operator, "--country", "IN",
                "--role", "importing");
        assertThat(token.exitCode()).as(token.err()).isZero();
        CliRun in = CliRun.of("authority", "enrol", "--registry", registry, "--token", token.out().strip(), "--out",
                dir.resolve("in").toString());
        assertThat(in.exitCode()).as(in.err()).isZero();
        CliRun again = CliRun.of("authority", "enrol", "--registry", registry, "--token", token.out().strip(), "--out",
                dir.resolve("in-again").toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().strip().lines()).hasSize(1);

        germany = exporter(dir.resolve("de"));
        india = ImporterNode.start(cluster.clientVertx, new ImporterNode.Settings("IN", AuthorityCredentials.read(
                dir.resolve("in/key.pem"), dir.resolve("in/cert.pem")), cluster.ca().certificate(), "127.0.0.1",
                cluster.members.get(0).httpPort(), "jdbc:h2:file:" + dir.resolve("in/db") + ";DB_CLOSE_ON_EXIT=FALSE", 0.0, 100,
                List.of(), Set.of("AF"), 0, TestOfficers.sessions()), Clock.systemUTC());
        // After the fix and a restart, the officer sends it again from the page.
        signInWithBrowser(wait, germany.httpPort());
        wait.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#row-DE-NEW-0001 button[data-a='resend']")).isEmpty());
        browser.findElement(org.openqa.selenium.By.cssSelector("#row-DE-NEW-0001 button[data-a='resend']")).click();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACKNOWLEDGED".equals(entry("DE-NEW-0001").status()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> india.store().queue().stream()
                .anyMatch(r -> r.id().equals("DE-NEW-0001")));
        var twice = TestOfficers.signIn(germany.httpPort()).post("/api/notifications/DE-NEW-0001/resend", "{}");
        assertThat(twice.path("httpStatus").asInt()).isEqualTo(409);
        assertThat(germany.outbox().actions().of("DE-NEW-0001")).extracting(a -> a.action() + " by " + a.officerName())
                .containsExactly("SUBMIT by " + TestOfficers.NAME, "RESEND by " + TestOfficers.NAME);

        // The operator lists the authorities, looks one up and revokes it.
        CliRun list = CliRun.of("authority", "list", "--registry", registry, "--operator", operator);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("country", "DE      exporting", "IN      importing").doesNotContain("yes");
        String kid = AuthorityCredentials.read(dir.resolve("in/key.pem"), dir.resolve("in/cert.pem")).certificate().thumbprint();
        CliRun show = CliRun.of("authority", "show", "--registry", registry, "--operator", operator, "--kid", kid);
        assertThat(show.out()).contains("\"country\" : \"IN\"", "\"revoked\" : false");
        assertThat(CliRun.of("authority", "revoke", "--registry", registry, "--operator", operator, "--kid", kid, "--reason",
                "key compromise").exitCode()).isZero();
        assertThat(CliRun.of("authority", "list", "--registry", registry, "--operator", operator).out())
                .containsPattern("IN\\s+importing\\s+yes");
        CliRun unknown = CliRun.of("authority", "show", "--registry", registry, "--operator", operator, "--kid", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("(404)", "no authority is enrolled with kid nope");
    }

    @Test
    void the_operators_commands_say_what_is_wrong_in_one_line() {
        CliRun noOperator = CliRun.of("authority", "token", "--registry", "127.0.0.1:1", "--operator", dir.toString(),
                "--country", "IN", "--role", "importing");
        assertThat(noOperator.exitCode()).isEqualTo(1);
        assertThat(noOperator.err()).contains("no operator credentials in").doesNotContain("Exception");
        CliRun both = CliRun.of("authority", "enrol", "--token", "x", "--country", "DE", "--role", "exporting", "--out",
                dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().strip().lines()).hasSize(1);
        CliRun badAddress = CliRun.of("authority", "show", "--registry", "nowhere", "--operator", dir.toString(), "--kid", "k");
        assertThat(badAddress.exitCode()).isNotZero();
        assertThat(badAddress.err().strip().lines()).hasSize(1);
    }
}
