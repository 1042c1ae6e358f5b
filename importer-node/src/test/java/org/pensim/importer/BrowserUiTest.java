package org.pensim.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pensim.exporter.ExporterNode;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.registry.Accessibility;
import org.pensim.registry.TestCluster;
import org.pensim.registry.TestOfficers;

/**
 * The officers' pages in a real headless browser (Debian's Chromium and ChromeDriver, which .ci/run
 * installs): a notification created in the exporter's form appears flagged in the importer's queue, and
 * the objection made there reaches the exporter's page.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class BrowserUiTest {

    static TestCluster cluster;
    static ExporterNode germany;
    static ImporterNode india;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(1).withFixedHttpPorts().start();
        germany = ExporterNode.start(cluster.clientVertx, new ExporterNode.Settings("DE", cluster.enrol("DE", AuthorityRole.EXPORTING),
                "127.0.0.1", cluster.httpPorts.get(0), "jdbc:h2:file:" + cluster.dir.resolve("ui/de") + ";DB_CLOSE_ON_EXIT=FALSE",
                100, 1000, 0, TestOfficers.sessions()), Clock.systemUTC());
        // Everything from 0.3 up waits for an officer: this test plays the officer.
        india = ImporterNode.start(cluster.clientVertx, new ImporterNode.Settings("IN", cluster.enrol("IN", AuthorityRole.IMPORTING),
                cluster.ca().certificate(), "127.0.0.1", cluster.httpPorts.get(0),
                "jdbc:h2:file:" + cluster.dir.resolve("ui/in") + ";DB_CLOSE_ON_EXIT=FALSE", 0.3, 100, List.of(),
                Set.of("AF"), 0, TestOfficers.sessions()), Clock.systemUTC());
        browser = org.pensim.registry.HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (india != null) {
            india.close();
        }
        if (germany != null) {
            germany.close();
        }
        cluster.close();
    }

    /** Opens a node's page and signs in through its form, as an officer does. */
    private static void signIn(WebDriverWait wait, int port) {
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(d -> d.findElements(By.id("sign-in-username")).stream().anyMatch(e -> e.isDisplayed())
                || d.findElements(By.id("app")).stream().anyMatch(e -> e.isDisplayed()));
        if (browser.findElement(By.id("app")).isDisplayed()) {
            return; // still signed in from before
        }
        Accessibility.check(browser, "the sign-in form");
        type("sign-in-username", TestOfficers.USERNAME);
        type("sign-in-password", "wrong password");
        browser.findElement(By.id("sign-in-submit")).click();
        wait.until(d -> d.findElement(By.id("sign-in-message")).getText().contains("wrong password"));
        Accessibility.check(browser, "the sign-in form with its error");
        org.pensim.registry.Screenshots.save(browser, "sign-in-refused");
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        type("sign-in-password", TestOfficers.PASSWORD);
        browser.findElement(By.id("sign-in-submit")).click();
        wait.until(d -> d.findElement(By.id("app")).isDisplayed());
        assertThat(browser.findElement(By.id("officer-name")).getText()).contains(TestOfficers.NAME);
    }

    /** The exporter's form filled in as an officer does, for a pseudoephedrine order to an unknown trading company. */
    private static void fillForm(String id) {
        type("id", id);
        type("exporterName", "Rheinchem Feinchemikalien GmbH");
        type("exporterStreet", "Industriestrasse 12");
        type("exporterCity", "Ludwigshafen");
        type("importingCountry", "IN");
        type("importerName", "Shadow Star General Trading");
        type("importerStreet", "Plot 7, Sector 3");
        type("importerCity", "Mumbai");
        type("entryPoint", "Nhava Sheva");
        new Select(browser.findElement(By.id("importerType"))).selectByValue("TRADING_COMPANY");
        type("substance", "pseudoephedrine");
        new Select(browser.findElement(By.id("form-kind"))).selectByVisibleText("SALT");
        type("salt", "hydrochloride");
        type("concentration", "99.5");
        type("quantityKg", "500");
        type("transit", "AE, AF");
        LocalDate dispatch = LocalDate.now().plusDays(40);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('dispatch').value = arguments[0];"
                + "document.getElementById('quantityKg').dispatchEvent(new Event('change'));", dispatch.toString());
    }

    /** Issue 20, item 2, through the pages: ask, answer, see the answer, decide. */
    @Test
    @org.junit.jupiter.api.Order(2)
    void a_request_for_information_is_answered_on_the_exporters_page_and_decided_on_the_importers() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String exporter = "http://127.0.0.1:" + germany.httpPort() + "/";
        String importer = "http://127.0.0.1:" + india.httpPort() + "/";
        signIn(wait, germany.httpPort());
        fillForm("DE-UI-0002");
        wait.until(d -> d.findElement(By.id("checks")).getText().contains("Reply deadline"));
        browser.findElement(By.id("submit")).click();
        wait.until(d -> d.findElement(By.id("result")).getText().contains("signed and queued: DE-UI-0002"));

        signIn(wait, india.httpPort());
        wait.until(d -> !d.findElements(By.id("q-DE-UI-0002")).isEmpty());
        browser.findElement(By.cssSelector("#q-DE-UI-0002 button[data-d='INFO_REQUESTED']")).click();
        wait.until(d -> d.findElement(By.id("ask")).isDisplayed());
        browser.findElement(By.id("ask-reason-0")).click();
        browser.findElement(By.id("ask-send")).click();
        wait.until(d -> !d.findElements(By.id("d-DE-UI-0002")).isEmpty()
                && d.findElement(By.cssSelector("#d-DE-UI-0002 .decision")).getText().equals("information requested"));

        browser.get(exporter);
        wait.until(d -> !d.findElements(By.cssSelector("#row-DE-UI-0002 .state")).isEmpty()
                && d.findElement(By.cssSelector("#row-DE-UI-0002 .state")).getText().equals("information requested"));
        assertThat(browser.findElement(By.cssSelector("#row-DE-UI-0002 .messages")).getText())
                .contains("IN asked for information", "Please send the end-user statement");
        browser.findElement(By.cssSelector("#row-DE-UI-0002 button[data-a='answer']")).click();
        wait.until(d -> d.findElement(By.id("ask")).isDisplayed());
        // The dialog quotes the question it answers.
        assertThat(browser.findElement(By.id("ask-context")).getText()).startsWith("IN asked: ")
                .contains("Please send the end-user statement");
        browser.findElement(By.id("ask-send")).click();
        wait.until(d -> d.findElement(By.id("ask-error")).getText().contains("please write it"));
        type("ask-text", "End-user statement sent by courier; the importer is licence TS-HYD-2019-0412");
        browser.findElement(By.id("ask-send")).click();
        wait.until(d -> d.findElement(By.cssSelector("#row-DE-UI-0002 .state")).getText().equals("delivered, awaiting a reply"));

        browser.get(importer);
        wait.until(d -> !d.findElements(By.id("q-DE-UI-0002")).isEmpty()
                && d.findElement(By.id("q-DE-UI-0002")).getText().contains("DE answered: End-user statement sent by courier"));
        assertThat(browser.findElement(By.id("q-DE-UI-0002")).getText()).contains("IN asked for information");
        double risk = Double.parseDouble(browser.findElement(By.cssSelector("#q-DE-UI-0002 .risk")).getText());
        browser.findElement(By.cssSelector("#q-DE-UI-0002 button[data-d='NO_OBJECTION']")).click();
        // A flagged notification is cleared only once the officer confirms it (the form's notification is flagged: a new
        // counterpart, dispatch before the deadline).
        assertThat(risk).isGreaterThanOrEqualTo(0.5);
        org.openqa.selenium.Alert confirm = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).startsWith("Send no objection to DE-UI-0002? Its risk is ");
        confirm.accept();
        wait.until(d -> !d.findElements(By.id("d-DE-UI-0002")).isEmpty()
                && d.findElement(By.cssSelector("#d-DE-UI-0002 .decision")).getText().equals("no objection"));

        browser.get(exporter);
        wait.until(d -> !d.findElements(By.cssSelector("#row-DE-UI-0002 .state")).isEmpty()
                && d.findElement(By.cssSelector("#row-DE-UI-0002 .state")).getText().equals("no objection"));
        org.pensim.registry.Screenshots.save(browser, "exporter-after-answer");
        // The notification's history says what the officer wrote, in words, not the JSON it is kept as.
        browser.get(exporter + "notification.html?id=DE-UI-0002");
        wait.until(d -> d.findElement(By.cssSelector("#actions tbody")).getText().contains("ANSWER"));
        assertThat(browser.findElement(By.cssSelector("#actions tbody")).getText())
                .contains("End-user statement sent by courier").doesNotContain("{\"message\"");
    }

    private static void type(String id, String text) {
        var el = browser.findElement(By.id(id));
        el.clear();
        el.sendKeys(text);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void a_notification_made_in_the_exporter_form_is_flagged_for_the_importer_and_the_objection_reaches_the_exporter() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        signIn(wait, germany.httpPort());
        fillForm("DE-UI-0001");
        wait.until(d -> d.findElement(By.id("checks")).getText().contains("Reply deadline"));
        Accessibility.check(browser, "the exporter's form");
        org.pensim.registry.Screenshots.save(browser, "exporter-form");
        assertThat(browser.findElement(By.id("checks")).getText()).contains("a notification is required", "ALR");

        // The addresses and the port of entry are required (the browser asks for them; the node names them too).
        assertThat(java.util.stream.Stream.of("exporterStreet", "exporterCity", "importerStreet", "importerCity", "entryPoint")
                .map(id -> browser.findElement(By.id(id)).getAttribute("required"))).doesNotContainNull();
        // A mistake first: the form shows the validator's message beside the field.
        type("concentration", "120");
        browser.findElement(By.id("submit")).click();
        wait.until(d -> d.findElement(By.cssSelector(".problem[data-for='/items/0/concentrationPercent']")).getText()
                .contains("at most 100"));
        type("concentration", "99.5");
        browser.findElement(By.id("submit")).click();
        wait.until(d -> d.findElement(By.id("result")).getText().contains("signed and queued: DE-UI-0001"));

        signIn(wait, india.httpPort());
        wait.until(d -> !d.findElements(By.id("q-DE-UI-0001")).isEmpty());
        String row = browser.findElement(By.id("q-DE-UI-0001")).getText();
        assertThat(row).contains("OPERATOR_UNKNOWN", "INTERMEDIARY_CONSIGNEE", "RISKY_ROUTE");
        Accessibility.check(browser, "the importer's review queue");
        org.pensim.registry.Screenshots.save(browser, "importer-queue");
        // Object with a standard reason and one of the officer's own (issue 20: reasons captured and signed into the reply).
        browser.findElement(By.cssSelector("#q-DE-UI-0001 button[data-d='OBJECTION']")).click();
        wait.until(d -> d.findElement(By.id("ask")).isDisplayed());
        Accessibility.check(browser, "the objection dialog");
        org.pensim.registry.Screenshots.save(browser, "importer-objection-dialog");
        browser.findElement(By.id("ask-send")).click();
        wait.until(d -> d.findElement(By.id("ask-error")).getText().contains("Tick a reason or write one"));
        browser.findElement(By.id("ask-reason-0")).click();
        type("ask-text", "unknown trading company, transit via AF");
        browser.findElement(By.id("ask-send")).click();
        wait.until(d -> !d.findElements(By.id("d-DE-UI-0001")).isEmpty()
                && d.findElement(By.cssSelector("#d-DE-UI-0001 .decision")).getText().equals("objection"));
        assertThat(browser.findElement(By.cssSelector("#d-DE-UI-0001 .by")).getText()).isEqualTo(TestOfficers.NAME);

        browser.get("http://127.0.0.1:" + germany.httpPort() + "/");
        wait.until(d -> !d.findElements(By.cssSelector("#row-DE-UI-0001 .state")).isEmpty()
                && d.findElement(By.cssSelector("#row-DE-UI-0001 .state")).getText().equals("objection"));
        assertThat(browser.findElement(By.cssSelector("#row-DE-UI-0001 .by")).getText()).isEqualTo(TestOfficers.NAME);
        assertThat(browser.findElement(By.cssSelector("#row-DE-UI-0001 .messages")).getText())
                .contains("IN objected", "not known to this authority", "unknown trading company, transit via AF");

        // The notification's own page: every field, the flags, the signature checked, the reasons, who did what.
        browser.findElement(By.linkText("DE-UI-0001")).click();
        wait.until(d -> d.findElement(By.id("nid")).getText().equals("DE-UI-0001"));
        wait.until(d -> d.findElement(By.id("messages")).getText().contains("unknown trading company"));
        assertThat(browser.findElement(By.id("parties")).getText()).contains("Shadow Star General Trading");
        assertThat(browser.findElement(By.id("actions")).getText()).contains(TestOfficers.NAME, "SUBMIT");
        Accessibility.check(browser, "the exporter's notification page");
        org.pensim.registry.Screenshots.save(browser, "exporter-notification");
        signIn(wait, india.httpPort());
        browser.get("http://127.0.0.1:" + india.httpPort() + "/notification.html?id=DE-UI-0001");
        wait.until(d -> d.findElement(By.id("signature")).getText().contains("valid"));
        assertThat(browser.findElement(By.id("signature")).getText()).contains("valid", "exporting authority").doesNotContain("not valid");
        assertThat(browser.findElement(By.id("flags")).getText()).contains("OPERATOR_UNKNOWN", "evidence");
        // What the exporting officer typed, not placeholders: the parties' addresses and the port of entry.
        assertThat(browser.findElement(By.id("parties")).getText()).contains("Industriestrasse 12, Ludwigshafen, DE",
                "Plot 7, Sector 3, Mumbai, IN");
        assertThat(browser.findElement(By.id("route")).getText()).contains("Nhava Sheva").doesNotContain("port of");
        assertThat(browser.findElement(By.id("actions")).getText()).contains(TestOfficers.NAME, "OBJECTION");
        Accessibility.check(browser, "the importer's notification page");
        org.pensim.registry.Screenshots.save(browser, "importer-notification");
        // A reply the registry refused is said in words on the desk, not as the node's code for it.
        india.store().decide("DE-UI-0001", "OBJECTION", org.pensim.importer.replies.AutomaticReplies.REFUSED);
        browser.get("http://127.0.0.1:" + india.httpPort() + "/");
        wait.until(d -> !d.findElements(By.cssSelector("#d-DE-UI-0001 .state")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#d-DE-UI-0001 .state")).getText()).startsWith("reply refused by the registry");
        browser.get("http://127.0.0.1:" + germany.httpPort() + "/notification.html?id=DE-UI-0002");
        wait.until(d -> d.findElement(By.id("app")).isDisplayed());
        browser.get("http://127.0.0.1:" + germany.httpPort() + "/");
        wait.until(d -> d.findElement(By.id("app")).isDisplayed());

        // Signing out ends the session: the page asks for a sign-in again and the API refuses.
        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("sign-in-username")).isDisplayed());
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        // Back, to a page read while signed in, shows the sign-in, not what the page showed then.
        browser.navigate().back();
        wait.until(d -> !d.findElements(By.id("sign-in-username")).isEmpty() && d.findElement(By.id("sign-in-username")).isDisplayed());
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }
}
