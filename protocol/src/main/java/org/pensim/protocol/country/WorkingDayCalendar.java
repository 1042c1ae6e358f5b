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
        return works(day.getDayOfWeek(), day.toEpochDay());
    }

    /** The day that is {@code n} working days after {@code from} (n = 0 gives {@code from} itself). */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        // Counted on epoch days: every reply deadline walks two or three weeks, a LocalDate per day was most
        // of what a simulated notification allocated.
        long day = from.toEpochDay();
        int counted = 0;
        while (counted < n) {
            day++;
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return LocalDate.ofEpochDay(day);
    }

    private boolean isWorkingDay(long epochDay) {
        return works(DayOfWeek.of(Math.floorMod(epochDay + 3, 7) + 1), epochDay); // 1970-01-01 was a Thursday
    }

    /** The rule, once: not a weekly rest day, not a holiday. */
    private boolean works(DayOfWeek dayOfWeek, long epochDay) {
        return !restDays.contains(dayOfWeek) && (holidays.isEmpty() || !holidays.contains(LocalDate.ofEpochDay(epochDay)));
    }
}
