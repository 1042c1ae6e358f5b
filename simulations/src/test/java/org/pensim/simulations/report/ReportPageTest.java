package org.pensim.simulations.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

/**
 * report.html comes from the report.jte template: what a scenario names is text on the page, never markup, and every
 * section a reader looks for is there.
 */
class ReportPageTest {

    @Test
    void the_page_has_every_section_and_shows_names_as_text(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("simulations/scenarios"))) {
            root = root.getParent();
        }
        Scenario s = ScenarioLoader.load(root.resolve("simulations/scenarios/training.yaml"));
        Scenario named = new Scenario("<b>a & \"b\"</b>", s.seed(), 1, s.start(), 60, s.flagThreshold(), s.world(),
                s.licitTrade(), s.campaigns());
        SimulationRun.Result r = new SimulationRun(named, new SimulationRun.Options(named.seed(), false, null)).run();
        RunOutputs.write(r, Summary.of(r, false), tmp);
        String page = Files.readString(tmp.resolve("report.html"));
        assertThat(page).contains("<title>pensim run: &lt;b&gt;a &amp; \"b\"&lt;/b&gt;</title>")
                .doesNotContain("<b>a & ");
        assertThat(page).contains("<h2>Headline: flagged, and stopped?</h2>", "<h2>Per substance</h2>",
                "<h2>Licit trade: the cost of the regime</h2>", "<h2>Calibration: this run against published figures</h2>",
                "<h2>How the adversaries adapted</h2>", "<h2>Definitions</h2>", "<h2>Manifest</h2>",
                "src=\"data:image/png;base64,");
        assertThat(page.split("<img ", -1)).hasSize(5); // four charts
        assertThat(page).contains("<td class=\"l\">model.");
    }
}
