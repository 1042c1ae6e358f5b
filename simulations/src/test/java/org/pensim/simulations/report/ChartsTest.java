package org.pensim.simulations.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.junit.jupiter.api.Test;

/** A chart over the simulated calendar reads in dates (UTC, whatever the reader's zone), not in day numbers. */
class ChartsTest {

    @Test
    void a_dated_chart_labels_its_axis_with_calendar_dates() throws Exception {
        long day = LocalDate.of(2026, 3, 2).toEpochDay() * 86_400_000L;
        JFreeChart chart = Charts.dated("queue", "waiting", List.of(new Charts.Curve("queue",
                List.of(new double[] {day, 3}, new double[] {day + 86_400_000L, 5}))));
        DateAxis x = (DateAxis) chart.getXYPlot().getDomainAxis();
        assertThat(x.getDateFormatOverride().format(new java.util.Date(day))).isEqualTo("2 Mar 2026");
        assertThat(Charts.png(chart, 600, 300)).isNotEmpty();
    }
}
