package org.pensim.protocol.country;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Which days a country's authority works: weekly rest days and public holidays. */
public record WorkingDayCalendar(Set<DayOfWeek> restDays, Set<LocalDate> holidays) {

    public static final WorkingDayCalendar MONDAY_TO_FRIDAY =
            new WorkingDayCalendar(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());

    public WorkingDayCalendar {
        restDays = Set.copyOf(restDays);
        holidays = Set.copyOf(holidays);
        if (restDays.size() == 7) {
            throw new IllegalArgumentException("a calendar needs at least one working day a week");
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        return !restDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The day that is {@code n} working days after {@code from} (n = 0 gives {@code from} itself). */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
