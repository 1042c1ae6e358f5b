package org.pensim.protocol.signing;

/** A signed document failed verification; {@link #reason()} says which check. */
public class SignatureVerificationException extends RuntimeException {

    private final VerificationFailure reason;

    public SignatureVerificationException(VerificationFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VerificationFailure reason() {
        return reason;
    }
}
