package org.pensim.registry.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.signing.VerifiedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.protocol.validation.Problem;
import org.pensim.registry.authorities.AuthorityDirectory;
import org.pensim.registry.cluster.Counters;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.http.ApiProblem;
import org.pensim.registry.countries.YearToDateQuantities;
import org.pensim.registry.lifecycle.NotificationRecords;
import org.pensim.registry.metrics.RegistryMetrics;
import org.pensim.registry.screening.GlobalScreeningQueue;
import org.pensim.registry.screening.StoredNotificationScreening;

/**
 * Accepts signed notifications: checks the signature and the signer, validates the document, stores it
 * (written through to the database before the answer), delivers it to the importing authority's inbox
 * and answers with a receipt signed by the registry. Submitting the same document again returns the same
 * receipt; the same id with other content is a conflict.
 */
public final class NotificationIntake {

    /** What the API answers: 201 for a new notification, 200 for a repeat. */
    public record Outcome(int status, JsonNode body) {
    }

    private final IMap<String, HazelcastJsonValue> notifications;
    private final Counters.Sequence receiptSequence;
    private final Inbox inbox;
    private final AuthorityDirectory directory;
    private final SignatureVerifier verifier;
    private final DocumentValidator validator;
    private final DocumentSigner registrySigner;
    private final GlobalScreeningQueue screeningQueue;
    private final org.pensim.registry.config.RegistryConfig.Screening screeningBounds;
    private final RegistryMetrics metrics;
    private final Clock clock;

    public NotificationIntake(IMap<String, HazelcastJsonValue> notifications,
            Counters.Sequence receiptSequence, Inbox inbox,
            AuthorityDirectory directory, SignatureVerifier verifier, DocumentValidator validator,
            DocumentSigner registrySigner, GlobalScreeningQueue screeningQueue,
            org.pensim.registry.config.RegistryConfig.Screening screeningBounds, RegistryMetrics metrics,
            Clock clock) {
        this.notifications = notifications;
        this.receiptSequence = receiptSequence;
        this.inbox = inbox;
        this.directory = directory;
        this.verifier = verifier;
        this.validator = validator;
        this.registrySigner = registrySigner;
        this.screeningQueue = screeningQueue;
        this.screeningBounds = screeningBounds;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Back-pressure: refuses (503 with Retry-After) while this member's global screening is too far behind,
     * by count or by the wait of its oldest notification: all submissions at either bound, and from
     * {@code screening.shedFrom} of it on a share growing with the pressure ({@link ScreeningPressure}). Accepting
     * more than the global indicators keep up with would only delay every flag further. The API checks this first, before authentication and
     * validation, so that a refusal costs next to nothing: refusals that cost as much as acceptances would
     * keep an overloaded registry overloaded while the refused retry.
     */
    public void requireScreeningCapacity() {
        int maxBacklog = screeningBounds.maxBacklogPerMember();
        int maxDelay = screeningBounds.maxDelayMillis();
        int backlog = screeningQueue.backlog();
        long waited = screeningQueue.longestWaitMillis();
        ScreeningPressure pressure = ScreeningPressure.of(backlog, maxBacklog, waited, maxDelay, screeningBounds.shedFrom());
        if (!pressure.refuses(java.util.concurrent.ThreadLocalRandom.current()::nextDouble)) {
            return;
        }
        String shedding = screeningBounds.shedFrom() >= 1 ? "" : "; past " + Math.round(100 * screeningBounds.shedFrom())
                + " % of a limit a growing share of submissions is refused";
        if (backlog > maxBacklog || (double) backlog / maxBacklog >= (double) waited / maxDelay) {
            throw reject("screening_backlog", new ApiProblem(503, "screening-backlog", "Global screening is behind",
                    "the registry's global screening is " + backlog + " notifications behind on this member (limit "
                            + maxBacklog + ")" + shedding + "; nothing was stored: retry in " + RETRY_AFTER_SECONDS + " s")
                    .retryAfter(RETRY_AFTER_SECONDS));
        }
        // Past the bound, the overshoot is how far behind screening is: retrying sooner would only be refused again,
        // and a refused crowd coming back all at once is what keeps an overloaded registry overloaded.
        int retryAfter = waited <= maxDelay ? RETRY_AFTER_SECONDS : (int) Math.min(MAX_RETRY_AFTER_SECONDS,
                Math.max(RETRY_AFTER_SECONDS, (waited - maxDelay + 999) / 1000));
        throw reject("screening_backlog", new ApiProblem(503, "screening-backlog", "Global screening is behind",
                "the oldest notification waiting for the registry's global screening on this member was accepted "
                        + waited + " ms ago (limit " + maxDelay + " ms)" + shedding + "; nothing was stored: retry in "
                        + retryAfter + " s").retryAfter(retryAfter));
    }

    public Outcome submit(JsonNode body, AuthorityCertificate caller) {
        // Back-pressure (requireScreeningCapacity) was checked by the API before this request was even read.
        long arrivedEpochNanos = StoredNotificationScreening.epochNanos();
        if (caller.role() != AuthorityRole.EXPORTING) {
            throw reject("forbidden", ApiProblem.forbidden("only exporting authorities submit notifications; you are the "
                    + caller.describe()));
        }
        SignedDocument envelope;
        VerifiedDocument verified;
        try {
            envelope = SignedDocument.fromJson(body);
            verified = verifier.verify(envelope, DocumentType.NOTIFICATION);
        } catch (SignatureVerificationException e) {
            throw reject(e.reason().name().toLowerCase(), signatureProblem(e));
        }
        if (!verified.signer().thumbprint().equals(caller.thumbprint())) {
            // The request's own key was found enrolled and unrevoked a moment ago, in this request.
            directory.requireUsable(verified.signer());
        }
        JsonNode doc = verified.document();
        String exporting = doc.path("exportingCountry").asText();
        if (!caller.country().equals(exporting)) {
            throw reject("forbidden", ApiProblem.forbidden("the " + caller.describe() + " may not submit a notification of "
                    + "exporting country " + exporting));
        }
        List<Problem> problems = validator.checkNotification(doc);
        if (!problems.isEmpty()) {
            throw reject("invalid_document", new ApiProblem(400, "invalid-notification", "Invalid notification",
                    problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the notification", problems));
        }
        PreExportNotification n = ProtocolJson.fromTree(doc, PreExportNotification.class);
        String sha = verified.sha256();
        ObjectNode record = fullRecord(n, sha, envelope);
        for (int attempt = 1; ; attempt++) {
            // The inbox entry first, then the record naming it, stored only if the id is free: one write accepts
            // the submission, and readers serve an entry only once a stored record names it. A repeat or a
            // conflict is therefore found by that same write, and its entry withdrawn (readers pass it at once).
            Inbox.Appended entry = inbox.appendEntry(n.importingCountry(), AuthorityRole.IMPORTING, "NOTIFICATION", n.id(), n.id());
            delivered(record, entry);
            String found = notifications.executeOnKey(n.id(),
                    new StoreFirstDelivery(record.toString(), entry.writtenAtWallMillis(), MAX_ENTRY_AGE.toMillis(), inbox.self()));
            if (StoreFirstDelivery.ENTRY_TOO_OLD.equals(found) || StoreFirstDelivery.WRITER_GONE.equals(found)) {
                // (WRITER_GONE reaches a writer only while the owner does not count it as a member: it delivers anew too.)
                // This request stalled so long that readers may have passed its entry: deliver anew.
                inbox.withdraw(n.importingCountry(), AuthorityRole.IMPORTING, entry.sequence(), "NOTIFICATION", n.id());
                metrics.redelivered("NOTIFICATION");
                if (attempt == MAX_DELIVERY_ATTEMPTS) {
                    throw reject("stalled", new ApiProblem(503, "registry-stalled", "The registry is too slow to deliver",
                            "notification " + n.id() + " could not be delivered: each of " + MAX_DELIVERY_ATTEMPTS
                                    + " attempts took longer than " + MAX_ENTRY_AGE.toMillis() + " ms between its inbox entry and "
                                    + "its record; nothing was stored: retry in " + RETRY_AFTER_SECONDS + " s")
                            .retryAfter(RETRY_AFTER_SECONDS));
                }
                continue;
            }
            ObjectNode stored = found == null ? null : NotificationRecords.parse(new HazelcastJsonValue(found));
            if (stored != null && stored.path("inboxSequence").asLong(-1) == entry.sequence()) {
                stored = null; // this very record: the cluster ran the store again after its owner died
            }
            if (stored != null) {
                inbox.withdraw(n.importingCountry(), AuthorityRole.IMPORTING, entry.sequence(), "NOTIFICATION", n.id());
                return repeat(n, sha, stored, arrivedEpochNanos);
            }
            metrics.accepted();
            metrics.deliveryLag(Duration.between(Instant.parse(record.get("receivedAt").asText()), clock.instant()));
            screeningQueue.enqueue(n.id(), arrivedEpochNanos, doc, record.get("receivedAt").asText());
            return new Outcome(201, record.get("receipt"));
        }
    }

    /**
     * How old a request's inbox entry may be when its record is stored: half of {@link Inbox#HOLE_TIMEOUT}, after
     * which readers pass an entry whose record never came; the other half allows for the members' clocks to differ.
     */
    public static final Duration MAX_ENTRY_AGE = Inbox.HOLE_TIMEOUT.dividedBy(2);

    /** How many inbox entries one request writes, at most, before it gives up with 503: each took too long. */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;

    /** Completes a record as the delivery of the given inbox entry. */
    private static void delivered(ObjectNode record, Inbox.Appended entry) {
        String at = entry.writtenAt().toString();
        record.put("state", "DELIVERED");
        record.put("inboxSequence", entry.sequence());
        record.put("deliveredAt", at);
        record.putArray("events").addObject().put("eventId", record.get("id").asText() + "/deliver").put("type", "DELIVER")
                .put("from", "SUBMITTED").put("to", "DELIVERED").put("at", at);
    }

    /** The stored record of an accepted notification, with its receipt signed by the registry (before delivery). */
    private ObjectNode fullRecord(PreExportNotification n, String sha, SignedDocument envelope) {
        Instant now = clock.instant();
        long sequence = receiptSequence.next();
        SignedDocument signedReceipt = registrySigner.sign(DocumentType.RECEIPT, Receipt.of(n.id(), sha, now, sequence));
        ObjectNode record = ProtocolJson.mapper().createObjectNode();
        record.put("id", n.id());
        record.put("sequence", sequence);
        record.put("sha256", sha);
        record.put("receivedAt", now.toString());
        record.put("exportingCountry", n.exportingCountry());
        record.put("importingCountry", n.importingCountry());
        record.put("channel", n.channel().name());
        record.put("state", "SUBMITTED");
        if (n.replyDeadline() != null) {
            record.put("replyDeadline", n.replyDeadline().toString());
        }
        YearToDateQuantities.record(record, n);
        record.set("envelope", envelope.toJson());
        record.set("receipt", signedReceipt.toJson());
        return record;
    }

    /** What a refusal for back-pressure asks the exporting authority to wait, at least and at most. */
    public static final int RETRY_AFTER_SECONDS = 1;
    static final int MAX_RETRY_AFTER_SECONDS = 30;

    /** Answers a submission of an id already stored: the stored receipt for the same document, a conflict for another. */
    private Outcome repeat(PreExportNotification n, String sha, ObjectNode stored, long arrivedEpochNanos) {
        if (!stored.get("sha256").asText().equals(sha)) {
            throw reject("conflict", ApiProblem.conflict("id-conflict", "notification " + n.id()
                    + " was already submitted with different content (SHA-256 " + stored.get("sha256").asText() + ")"));
        }
        // The first request may have died between storing and queueing: queue again while a screened
        // notification's tombstone would still be found.
        if (Duration.between(Instant.parse(stored.get("receivedAt").asText()), clock.instant()).toSeconds()
                < GlobalScreeningQueue.requeueWindowSeconds()) {
            screeningQueue.enqueue(n.id(), arrivedEpochNanos, stored.at("/envelope/document"), stored.get("receivedAt").asText());
        }
        return new Outcome(200, stored.get("receipt"));
    }

    private ApiProblem reject(String reason, ApiProblem problem) {
        metrics.rejected(reason);
        return problem;
    }

    public static ApiProblem signatureProblem(SignatureVerificationException e) {
        return switch (e.reason()) {
            case MALFORMED_ENVELOPE, NOT_CANONICALIZABLE, WRONG_DOCUMENT_TYPE, UNSUPPORTED_ALGORITHM ->
                    ApiProblem.badRequest("malformed-envelope", e.getMessage()).with("reason", e.reason().name());
            case SIGNATURE_INVALID, KID_MISMATCH ->
                    ApiProblem.badRequest("invalid-signature", e.getMessage()).with("reason", e.reason().name());
            default -> ApiProblem.forbidden(e.getMessage()).with("reason", e.reason().name());
        };
    }
}
