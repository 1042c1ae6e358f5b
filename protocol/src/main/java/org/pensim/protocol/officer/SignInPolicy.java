package org.pensim.protocol.officer;

import java.time.Duration;

/**
 * How long officers' sessions last and when repeated wrong passwords lock an account. The defaults follow
 * the OWASP Session Management and Authentication Cheat Sheets (idle timeouts of 15 to 30 minutes for
 * ordinary applications; lock-out after a handful of failures); the exact figures are assumed.
 */
public record SignInPolicy(int sessionIdleMinutes, int sessionMaxHours, int lockAfterFailures, int lockMinutes,
        boolean secureCookies) {

    public SignInPolicy {
        if (sessionIdleMinutes < 1 || sessionMaxHours < 1 || lockAfterFailures < 1 || lockMinutes < 0) {
            throw new IllegalArgumentException("officers: sessionIdleMinutes, sessionMaxHours and lockAfterFailures must be"
                    + " at least 1, lockMinutes at least 0");
        }
    }

    /** 30 minutes idle, 12 hours at most, 5 failures lock an account for 15 minutes; Secure cookies. */
    public static SignInPolicy defaults() {
        return new SignInPolicy(30, 12, 5, 15, true);
    }

    public Duration idle() {
        return Duration.ofMinutes(sessionIdleMinutes);
    }

    public Duration maxAge() {
        return Duration.ofHours(sessionMaxHours);
    }
}
