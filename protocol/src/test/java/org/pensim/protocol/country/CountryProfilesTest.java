package org.pensim.protocol.country;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.SubstanceCatalogue;

class CountryProfilesTest {

    private final CountryProfiles profiles = CountryProfiles.standard();
    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();

    @Test
    void shipped_profiles_are_marked_illustrative_and_cover_every_country() {
        assertThat(profiles.explicit()).containsKeys("DE", "US", "AU", "IN", "CN");
        assertThat(profiles.explicit().values()).allMatch(CountryProfile::illustrative);
        CountryProfile fiji = profiles.of("FJ");
        assertThat(fiji.notificationRequested()).containsExactly(ControlList.TABLE_I);
        assertThat(fiji.replyDeadline()).isEqualTo(new ReplyDeadlineRule(15, true));
        assertThatThrownBy(() -> profiles.of("XX")).hasMessageContaining("not an ISO 3166-1 alpha-2 country code");
    }

    @Test
    void art_12_10_a_requests_decide_whether_a_notification_is_needed() {
        CountryProfile fiji = profiles.of("FJ");
        CountryProfile germany = profiles.of("DE");
        var acetone = catalogue.byId("acetone").orElseThrow();
        var anhydride = catalogue.byId("acetic-anhydride").orElseThrow();
        var gbl = catalogue.byId("gbl").orElseThrow();
        assertThat(fiji.requiresNotification(anhydride)).isTrue();
        assertThat(fiji.requiresNotification(acetone)).isFalse();
        assertThat(germany.requiresNotification(acetone)).isTrue();
        assertThat(germany.requiresNotification(gbl)).isFalse();
    }

    @Test
    void alrs_are_per_substance_and_may_be_missing() {
        assertThat(profiles.of("DE").alrFor("pseudoephedrine")).get().satisfies(v -> assertThat(v).isEqualByComparingTo("9000"));
        assertThat(profiles.of("FJ").alrFor("pseudoephedrine")).isEmpty();
    }

    @Test
    void deadlines_count_working_or_calendar_days_in_the_country_calendar() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertThat(profiles.of("IN").replyDeadline().deadlineFrom(friday, profiles.of("IN").calendar()))
                .isEqualTo(LocalDate.of(2026, 12, 11));
        assertThat(profiles.of("US").replyDeadline().deadlineFrom(friday, profiles.of("US").calendar()))
                .isEqualTo(LocalDate.of(2026, 12, 5));
        CountryProfile saudi = profiles.of("SA");
        assertThat(saudi.calendar().isWorkingDay(LocalDate.of(2026, 11, 20))).isFalse(); // Friday
        assertThat(saudi.calendar().isWorkingDay(LocalDate.of(2026, 11, 22))).isTrue();  // Sunday
        WorkingDayCalendar withHoliday = new WorkingDayCalendar(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Set.of(LocalDate.of(2026, 11, 23)));
        assertThat(withHoliday.plusWorkingDays(friday, 1)).isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @Test
    void scenarios_override_country_by_country() {
        CountryProfiles changed = profiles.withOverrides(Map.of("FJ", new CountryProfiles.ProfileSpec(
                Set.of(ControlList.TABLE_I, ControlList.TABLE_II), Map.of("ephedrine", new BigDecimal("12")),
                null, null, 5, false, false)));
        CountryProfile fiji = changed.of("FJ");
        assertThat(fiji.notificationRequested()).contains(ControlList.TABLE_II);
        assertThat(fiji.replyDeadline()).isEqualTo(new ReplyDeadlineRule(5, false));
        assertThat(fiji.illustrative()).isFalse();
        assertThat(fiji.calendar()).isEqualTo(WorkingDayCalendar.MONDAY_TO_FRIDAY);
        assertThat(profiles.of("FJ").alrFor("ephedrine")).isEmpty();
    }

    @Test
    void working_days_are_counted_as_a_walk_through_the_calendar_would_count_them() {
        WorkingDayCalendar gulf = new WorkingDayCalendar(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                Set.of(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 22), LocalDate.of(1969, 12, 31)));
        for (WorkingDayCalendar calendar : new WorkingDayCalendar[] {WorkingDayCalendar.MONDAY_TO_FRIDAY, gulf}) {
            for (LocalDate from = LocalDate.of(1969, 12, 1); from.isBefore(LocalDate.of(1970, 2, 1)); from = from.plusDays(1)) {
                checkWalk(calendar, from);
            }
            for (LocalDate from = LocalDate.of(2026, 3, 1); from.isBefore(LocalDate.of(2026, 4, 30)); from = from.plusDays(1)) {
                checkWalk(calendar, from);
            }
        }
        assertThat(gulf.plusWorkingDays(LocalDate.of(2026, 3, 18), 3)).isEqualTo(LocalDate.of(2026, 3, 24));
    }

    private static void checkWalk(WorkingDayCalendar calendar, LocalDate from) {
        for (int n = 0; n <= 20; n++) {
            LocalDate day = from;
            for (int counted = 0; counted < n; ) {
                day = day.plusDays(1);
                if (calendar.isWorkingDay(day)) {
                    counted++;
                }
            }
            assertThat(calendar.plusWorkingDays(from, n)).as("%s + %d working days", from, n).isEqualTo(day);
        }
    }
}
