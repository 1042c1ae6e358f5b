package org.pensim.protocol.signing;

/** Why a signed document was refused; each has its own test. */
public enum VerificationFailure {
    MALFORMED_ENVELOPE,
    UNSUPPORTED_ALGORITHM,
    WRONG_DOCUMENT_TYPE,
    NOT_CANONICALIZABLE,
    KID_MISMATCH,
    UNKNOWN_SIGNER,
    NOT_ISSUED_BY_TRUSTED_CA,
    CERTIFICATE_NOT_YET_VALID,
    CERTIFICATE_EXPIRED,
    KEY_USAGE_FORBIDS_SIGNING,
    CERTIFICATE_REVOKED,
    WRONG_COUNTRY,
    WRONG_ROLE,
    SIGNATURE_INVALID
}
