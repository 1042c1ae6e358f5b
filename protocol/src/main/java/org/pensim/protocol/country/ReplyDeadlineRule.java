package org.pensim.protocol.country;

import java.time.LocalDate;

/**
 * How long an importing authority has to reply, in calendar or working days of its own calendar
 * (for example the EU's 15 working days, the United States' 15 calendar days).
 */
public record ReplyDeadlineRule(int days, boolean workingDays) {

    public ReplyDeadlineRule {
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("reply deadline must be 1 to 365 days, not " + days);
        }
    }

    public LocalDate deadlineFrom(LocalDate sent, WorkingDayCalendar calendar) {
        return workingDays ? calendar.plusWorkingDays(sent, days) : sent.plusDays(days);
    }
}
