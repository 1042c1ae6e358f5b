package org.pensim.protocol.country;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pensim.protocol.catalogue.ControlList;

/**
 * Country profiles for every ISO country: the illustrative defaults shipped in
 * {@code countries/profiles.yaml}, which scenarios override country by country.
 */
public final class CountryProfiles {

    private final Map<String, CountryProfile> profiles;
    private final CountryProfile template;

    private CountryProfiles(Map<String, CountryProfile> profiles, CountryProfile template) {
        this.profiles = Map.copyOf(profiles);
        this.template = template;
    }

    /** Profile document as written in YAML; absent fields fall back to the file's defaults. */
    public record ProfileSpec(
            @JsonProperty("notificationRequested") Set<ControlList> notificationRequested,
            @JsonProperty("alrKg") Map<String, BigDecimal> alrKg,
            @JsonProperty("restDays") Set<DayOfWeek> restDays,
            @JsonProperty("holidays") Set<LocalDate> holidays,
            @JsonProperty("replyDeadlineDays") Integer replyDeadlineDays,
            @JsonProperty("replyDeadlineWorkingDays") Boolean replyDeadlineWorkingDays,
            @JsonProperty("illustrative") Boolean illustrative) {
    }

    record File(@JsonProperty("defaults") ProfileSpec defaults,
                @JsonProperty("countries") Map<String, ProfileSpec> countries) {
    }

    private static final String TEMPLATE_CODE = "US";
    private static volatile CountryProfiles standard;

    /** The illustrative profiles shipped with pensim. */
    public static CountryProfiles standard() {
        if (standard == null) {
            synchronized (CountryProfiles.class) {
                if (standard == null) {
                    try (InputStream in = CountryProfiles.class.getClassLoader()
                            .getResourceAsStream("countries/profiles.yaml")) {
                        standard = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return standard;
    }

    public static CountryProfiles read(InputStream yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        File file = mapper.readValue(yaml, File.class);
        // The defaults are applied to a placeholder country; only its fields are used as the template.
        CountryProfile template = apply(new CountryProfile(TEMPLATE_CODE,
                Set.of(), Map.of(), WorkingDayCalendar.MONDAY_TO_FRIDAY, new ReplyDeadlineRule(15, true), true),
                file.defaults());
        CountryProfiles base = new CountryProfiles(Map.of(), template);
        return base.withOverrides(file.countries() == null ? Map.of() : file.countries());
    }

    /** A copy in which the given countries' fields are replaced by those the specs set. */
    public CountryProfiles withOverrides(Map<String, ProfileSpec> overrides) {
        Map<String, CountryProfile> next = new HashMap<>(profiles);
        overrides.forEach((code, spec) -> next.put(code, apply(of(code), spec)));
        return new CountryProfiles(next, template);
    }

    /**
     * A copy in which every country, listed or not, gives the same reply deadline: an exercise's, which must fall within
     * the exercise whatever country the officers send to.
     */
    public CountryProfiles withReplyDeadline(ReplyDeadlineRule rule) {
        Map<String, CountryProfile> next = new HashMap<>();
        profiles.forEach((code, p) -> next.put(code, withRule(p, rule)));
        return new CountryProfiles(next, withRule(template, rule));
    }

    private static CountryProfile withRule(CountryProfile p, ReplyDeadlineRule rule) {
        return new CountryProfile(p.code(), p.notificationRequested(), p.alrKg(), p.calendar(), rule, p.illustrative());
    }

    /** The profile of a country: its own entry, or the defaults. */
    public CountryProfile of(String code) {
        CountryProfile p = profiles.get(code);
        if (p != null) {
            return p;
        }
        return new CountryProfile(code, template.notificationRequested(), template.alrKg(),
                template.calendar(), template.replyDeadline(), template.illustrative());
    }

    /** The countries with an entry of their own, sorted by code. */
    public Map<String, CountryProfile> explicit() {
        return new TreeMap<>(profiles);
    }

    private static CountryProfile apply(CountryProfile base, ProfileSpec spec) {
        if (spec == null) {
            return base;
        }
        WorkingDayCalendar calendar = new WorkingDayCalendar(
                spec.restDays() != null ? spec.restDays() : base.calendar().restDays(),
                spec.holidays() != null ? spec.holidays() : base.calendar().holidays());
        ReplyDeadlineRule deadline = new ReplyDeadlineRule(
                spec.replyDeadlineDays() != null ? spec.replyDeadlineDays() : base.replyDeadline().days(),
                spec.replyDeadlineWorkingDays() != null ? spec.replyDeadlineWorkingDays()
                        : base.replyDeadline().workingDays());
        return new CountryProfile(base.code(),
                spec.notificationRequested() != null ? spec.notificationRequested() : base.notificationRequested(),
                spec.alrKg() != null ? spec.alrKg() : base.alrKg(),
                calendar, deadline,
                spec.illustrative() != null ? spec.illustrative() : base.illustrative());
    }

}
