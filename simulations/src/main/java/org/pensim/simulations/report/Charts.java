package org.pensim.simulations.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a report, drawn with JFreeChart as PNG: estimates with their intervals, survival curves,
 * stacked outcomes, time series and tornado charts. Every chart has a title, axis labels with units and,
 * where there is more than one series, a legend.
 */
public final class Charts {

    /** An estimate with its interval for one category; NaN bounds draw no interval. */
    public record Estimate(String category, double value, double low, double high) {
    }

    /** A named curve of (x, y) points. */
    public record Curve(String name, List<double[]> points) {
    }

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    /** For a line under a chart's title that says how to read it. */
    public static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color BAR = new Color(0x3b6ea5);
    /** Tableau's ten colours, told apart on white and by most colour-blind readers. */
    private static final Color[] READABLE = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2),
            new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};

    private Charts() {
    }

    /** Horizontal bars of estimates with their intervals as whiskers. */
    public static JFreeChart estimates(String title, String valueAxis, List<Estimate> rows, Double upperBound, String subtitle) {
        DefaultCategoryDataset values = new DefaultCategoryDataset();
        DefaultCategoryDataset bounds = new DefaultCategoryDataset();
        for (Estimate e : rows) {
            values.addValue(Double.isNaN(e.value()) ? null : e.value(), "estimate", e.category());
            bounds.addValue(Double.isNaN(e.low()) ? null : e.low(), "interval low", e.category());
            bounds.addValue(Double.isNaN(e.high()) ? null : e.high(), "interval high", e.category());
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, BAR);
        bars.setItemMargin(0);
        bars.setMaximumBarWidth(0.6);
        MinMaxCategoryRenderer whiskers = new MinMaxCategoryRenderer();
        whiskers.setGroupStroke(new BasicStroke(1.6f));
        whiskers.setGroupPaint(Color.BLACK);
        whiskers.setDrawLines(false);
        whiskers.setSeriesPaint(0, Color.BLACK);
        whiskers.setSeriesPaint(1, Color.BLACK);
        NumberAxis axis = new NumberAxis(valueAxis);
        if (upperBound != null) {
            axis.setRange(0, upperBound * 1.03); // room for the last tick and a whisker ending at the bound
        }
        CategoryPlot plot = new CategoryPlot(values, new CategoryAxis(null), axis, bars);
        plot.setDataset(1, bounds);
        plot.setRenderer(1, whiskers);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.addSubtitle(new TextTitle(subtitle));
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f); // long parameter paths stay readable
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Step curves (Kaplan-Meier) over a log scale of hours. */
    public static JFreeChart steps(String title, String xAxis, String yAxis, List<Curve> curves) {
        NumberAxis y = new NumberAxis(yAxis);
        y.setRange(0, 1.02);
        org.jfree.chart.axis.LogAxis x = new org.jfree.chart.axis.LogAxis(xAxis);
        x.setBase(10);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick a decade: 0.1, 1, 10, 100, 1,000 h
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#", java.text.DecimalFormatSymbols.getInstance(
                java.util.Locale.ROOT)));
        x.setRange(0.1, 24 * 150);
        XYStepRenderer r = new XYStepRenderer();
        java.awt.Paint[] palette = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22),
            new Color(0x17becf)};
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, palette[i % palette.length]);
            r.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    i < palette.length ? null : new float[] {6f, 3f}, 0f));
        }
        return xy(title, x, y, r, curves, true);
    }

    /** Lines over calendar dates: x in epoch milliseconds (UTC), the axis labelled with dates, not day numbers. */
    public static JFreeChart dated(String title, String yAxis, List<Curve> curves) {
        org.jfree.chart.axis.DateAxis x = new org.jfree.chart.axis.DateAxis(null, java.util.TimeZone.getTimeZone("UTC"),
                java.util.Locale.ROOT);
        x.setDateFormatOverride(utc(new java.text.SimpleDateFormat("d MMM yyyy", java.util.Locale.ROOT)));
        return xy(title, x, new NumberAxis(yAxis), new XYLineAndShapeRenderer(true, false), curves, curves.size() > 1);
    }

    private static java.text.DateFormat utc(java.text.DateFormat f) {
        f.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        return f;
    }

    /** Lines over time (or any x). */
    public static JFreeChart lines(String title, String xAxis, String yAxis, List<Curve> curves) {
        return xy(title, new NumberAxis(xAxis), new NumberAxis(yAxis), new XYLineAndShapeRenderer(true, false), curves,
                curves.size() > 1);
    }

    private static JFreeChart xy(String title, org.jfree.chart.axis.ValueAxis x, NumberAxis y,
            org.jfree.chart.renderer.xy.XYItemRenderer renderer, List<Curve> curves, boolean legend) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            c.points().forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
        }
        return onWhite(title, new XYPlot(data, x, y, renderer), legend);
    }

    /** An x-y plot on white with light grid lines, as every chart of the reports is drawn. */
    private static JFreeChart onWhite(String title, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A named curve of points with their intervals: each point is x, estimate, low, high. */
    public record IntervalCurve(String name, List<double[]> points) {
    }

    /**
     * Estimates with their intervals as error bars, joined by lines where the points follow an order (a grid's values of
     * one parameter), not where they do not (a Latin hypercube's). The x axis spans the values, not 0 to them.
     */
    public static JFreeChart intervals(String title, String xAxis, String yAxis, List<IntervalCurve> curves, boolean joined) {
        org.jfree.data.xy.YIntervalSeriesCollection data = new org.jfree.data.xy.YIntervalSeriesCollection();
        for (IntervalCurve c : curves) {
            org.jfree.data.xy.YIntervalSeries s = new org.jfree.data.xy.YIntervalSeries(c.name(), false, true);
            c.points().forEach(p -> s.add(p[0], p[1], p[2], p[3]));
            data.addSeries(s);
        }
        org.jfree.chart.renderer.xy.XYErrorRenderer r = new org.jfree.chart.renderer.xy.XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(joined);
        r.setDefaultShapesVisible(true);
        r.setCapLength(6);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, READABLE[i % READABLE.length]); // JFreeChart's own cycle has yellow and cyan: unreadable on white
        }
        NumberAxis x = new NumberAxis(xAxis);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yAxis);
        y.setAutoRangeIncludesZero(false);
        return onWhite(title, new XYPlot(data, x, y, r), true);
    }

    /** Points, not joined (a Latin-hypercube sweep's points follow no order). */
    public static JFreeChart scatter(String title, String xAxis, String yAxis, List<Curve> curves) {
        return xy(title, new NumberAxis(xAxis), new NumberAxis(yAxis), new XYLineAndShapeRenderer(false, true), curves,
                curves.size() > 1);
    }

    /** Stacked horizontal bars: one per category, one segment per series. */
    public static JFreeChart stacked(String title, String valueAxis, List<String> series, List<String> categories,
            double[][] values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c = 0; c < categories.size(); c++) {
            for (int s = 0; s < series.size(); s++) {
                data.addValue(values[c][s], series.get(s), categories.get(c));
            }
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        Color[] palette = {new Color(0x2e7d32), new Color(0xf9a825), new Color(0xc62828), new Color(0x9e9e9e)};
        for (int s = 0; s < series.size(); s++) {
            r.setSeriesPaint(s, palette[s % palette.length]);
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), new NumberAxis(valueAxis), r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    public static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }

    /** Height for a horizontal bar chart of {@code rows} categories. */
    public static int height(int rows) {
        return Math.max(220, 90 + 30 * rows);
    }
}
