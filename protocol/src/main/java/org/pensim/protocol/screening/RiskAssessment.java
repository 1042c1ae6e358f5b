package org.pensim.protocol.screening;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The flags raised for one notification and the risk score they add up to, with the contribution of
 * each indicator. Whether the score is "suspicious" is the caller's threshold.
 */
public record RiskAssessment(String notificationId, List<Flag> flags) {

    public RiskAssessment {
        flags = List.copyOf(flags);
    }

    /** Sum of the effective weights of the flags: additive, so every point can be explained. */
    public double score() {
        return flags.stream().mapToDouble(Flag::effectiveWeight).sum();
    }

    public Map<IndicatorCode, Double> breakdown() {
        Map<IndicatorCode, Double> m = new EnumMap<>(IndicatorCode.class);
        for (Flag f : flags) {
            m.merge(f.indicator(), f.effectiveWeight(), Double::sum);
        }
        return m;
    }

    public boolean flagged(IndicatorCode code) {
        return flags.stream().anyMatch(f -> f.indicator() == code && f.dismissal() == null);
    }

    public boolean exceeds(double threshold) {
        return score() >= threshold;
    }

    public RiskAssessment plus(List<Flag> more) {
        List<Flag> all = new java.util.ArrayList<>(flags);
        all.addAll(more);
        return new RiskAssessment(notificationId, all);
    }
}
