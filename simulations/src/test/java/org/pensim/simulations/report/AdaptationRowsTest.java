package org.pensim.simulations.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.simulations.diversion.Campaign;

/** The report's adaptations table: one row for the same change made several times in one day, whatever came between. */
class AdaptationRowsTest {

    @Test
    void the_same_change_on_one_day_is_one_row_even_with_another_between() {
        Instant day = Instant.parse("2026-06-20T08:00:00Z");
        List<ReportModel.Adaptation> rows = ReportPage.adaptations(List.of(
                new Campaign.Adaptation(day, "move to another exporting country", "refused by IN"),
                new Campaign.Adaptation(day.plusSeconds(60), "move to another exporting country", "refused by AE"),
                new Campaign.Adaptation(day.plusSeconds(120), "turn to importing countries that seldom reply [PT]", "objection"),
                new Campaign.Adaptation(day.plusSeconds(180), "move to another exporting country", "refused by NG"),
                new Campaign.Adaptation(day.plusSeconds(86_400), "move to another exporting country", "refused by GH")));
        assertThat(rows).extracting(ReportModel.Adaptation::what).containsExactly("move to another exporting country (3 times)",
                "turn to importing countries that seldom reply [PT]", "move to another exporting country");
        assertThat(rows.get(0).why()).isEqualTo("refused by IN … refused by NG");
    }
}
