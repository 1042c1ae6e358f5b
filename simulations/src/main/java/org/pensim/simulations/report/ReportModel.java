package org.pensim.simulations.report;

import java.util.List;

/**
 * What report.html shows, as the {@code report.jte} template reads it: every figure already formatted (three decimals
 * for shares, whole kilograms with thousands separated), so that the page holds no arithmetic.
 */
public record ReportModel(String name, int durationDays, String start, long seed, long notifications, String signatures,
        String version, String commit, List<MethodRow> methods, List<MethodRow> substances, Image detection,
        Image timeToFlag, Image outcomes, List<LicitRow> licit, Replies replies, NeverReplying neverReplying, Image daily,
        String calibrationVerdict, List<CalibrationRow> calibration, List<CampaignAdaptations> adaptations,
        List<Parameter> parameters) {

    /** An estimate and its 95 % interval ("" when it has none); the value is "n/a" when undefined. */
    public record Share(String value, String ci) {
    }

    /** One diversion method's (or substance's) row; {@code median} is null when the median was not reached. */
    public record MethodRow(String key, String attempts, String detected, Share detectionRate, String median,
            String medianCi, String stopped, Share stoppedRate, String shipped, String seized, String kgDiverted,
            String kgDivertedCi, String kgShippedAfterFirstFlag) {
    }

    /** A chart embedded in the page (also written beside it as a PNG). */
    public record Image(String alt, String base64Png) {
    }

    /** A row of the licit-trade table; {@code share} is null where there is none. */
    public record LicitRow(String label, String value, Share share) {
    }

    public record Replies(String replied, String read, Share replyRate, String objections, String maxOfficerQueue,
            String meanOfficerQueue, String overdueReplies) {
    }

    /** The importing authorities drawn to never reply ("Denmark (DK)"), or null when there are none. */
    public record NeverReplying(List<String> names, int countries, String share) {
    }

    public record CalibrationRow(String description, String published, String simulated, String difference, boolean within,
            String confidence, long tolerancePercent, String source) {
    }

    /** A campaign's changes of course ({@code changes}); the same change made several times in one day is one row. */
    public record CampaignAdaptations(String campaign, int changes, List<Adaptation> rows) {
    }

    public record Adaptation(String day, String what, String why) {
    }

    /** A model parameter as resolved for the run, with its source ("assumed", a citation, or "scenario"). */
    public record Parameter(String name, String value, String source) {
    }
}
