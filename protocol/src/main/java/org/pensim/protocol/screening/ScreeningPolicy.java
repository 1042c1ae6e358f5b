package org.pensim.protocol.screening;

import java.util.EnumMap;
import java.util.Map;

/**
 * Weights, thresholds and switches of the indicators, for one authority or one scenario. Starts from the
 * defaults of {@link IndicatorCode}; every change returns a new policy.
 */
public final class ScreeningPolicy {

    /** What one indicator uses: whether it runs, its weight and its named thresholds. */
    public record Setting(boolean enabled, double weight, Map<String, Double> thresholds) {
        public Setting {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            thresholds = Map.copyOf(thresholds);
        }
    }

    private final Map<IndicatorCode, Setting> settings;

    private ScreeningPolicy(Map<IndicatorCode, Setting> settings) {
        this.settings = settings;
    }

    public static ScreeningPolicy defaults() {
        Map<IndicatorCode, Setting> m = new EnumMap<>(IndicatorCode.class);
        for (IndicatorCode c : IndicatorCode.values()) {
            m.put(c, new Setting(true, c.defaultWeight(), c.defaultThresholds()));
        }
        return new ScreeningPolicy(m);
    }

    public Setting setting(IndicatorCode code) {
        return settings.get(code);
    }

    public boolean enabled(IndicatorCode code) {
        return settings.get(code).enabled();
    }

    public double weight(IndicatorCode code) {
        return settings.get(code).weight();
    }

    /** A threshold by name; unknown names are a programming error. */
    public double threshold(IndicatorCode code, String name) {
        Double v = settings.get(code).thresholds().get(name);
        if (v == null) {
            throw new IllegalArgumentException(code + " has no threshold named " + name);
        }
        return v;
    }

    public ScreeningPolicy withWeight(IndicatorCode code, double weight) {
        Setting s = settings.get(code);
        return with(code, new Setting(s.enabled(), weight, s.thresholds()));
    }

    public ScreeningPolicy withEnabled(IndicatorCode code, boolean enabled) {
        Setting s = settings.get(code);
        return with(code, new Setting(enabled, s.weight(), s.thresholds()));
    }

    public ScreeningPolicy withThreshold(IndicatorCode code, String name, double value) {
        Setting s = settings.get(code);
        if (!s.thresholds().containsKey(name)) {
            throw new IllegalArgumentException(code + " has no threshold named '" + name + "' (it has "
                    + s.thresholds().keySet() + ")");
        }
        Map<String, Double> t = new java.util.HashMap<>(s.thresholds());
        t.put(name, value);
        return with(code, new Setting(s.enabled(), s.weight(), t));
    }

    private ScreeningPolicy with(IndicatorCode code, Setting setting) {
        Map<IndicatorCode, Setting> m = new EnumMap<>(settings);
        m.put(code, setting);
        return new ScreeningPolicy(m);
    }
}
