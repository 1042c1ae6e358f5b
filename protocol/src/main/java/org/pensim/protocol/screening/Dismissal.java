package org.pensim.protocol.screening;

import java.time.Instant;

/**
 * An officer's decision that a flag does not indicate diversion: who, when and why. It applies to later
 * flags of the same indicator about the same subject (the entity or corridor the flag is about).
 */
public record Dismissal(IndicatorCode indicator, String subject, String officer, Instant at, String reason) {

    public Dismissal {
        if (officer == null || officer.isBlank()) {
            throw new IllegalArgumentException("a dismissal names the officer who made it");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a dismissal gives its reason");
        }
    }
}
