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

        // Repeats and conflicts are answered before anything is delivered. (A miss costs no database
        // round trip: the map holds every notification.)
        // The id is claimed first with a small record, then delivered, then the full record replaces the
        // claim: a retry of the same document (the exporter did not get the answer) finds the claim and
        // never delivers a second time; a claim whose request died is taken over (see repeat). A repeat or
        // a conflict is answered from what the claim finds, before anything is delivered.
        while (true) {
            HazelcastJsonValue claim = claim(n.id(), sha);
            HazelcastJsonValue previous = notifications.putIfAbsent(n.id(), claim);
            if (previous != null && !previous.equals(claim)) { // equal: our own claim, seen by a retried put
                Outcome repeated = repeat(n, sha, previous, () -> fullRecord(n, sha, envelope), arrivedEpochNanos);
                if (repeated != null) {
                    return repeated;
                }
                continue; // the claim it found was rolled back as abandoned: claim anew
            }
            ObjectNode record = fullRecord(n, sha, envelope);
            Instant now = Instant.parse(record.get("receivedAt").asText());
            Delivery delivery = deliver(n, record, claim);
            if (delivery == Delivery.GONE) {
                continue; // this request stalled so long that its own claim was rolled back: claim anew
            }
            if (delivery == Delivery.OTHER) {
                // A retry took the claim over while this request stalled: answer as a repeat, from what is
                // (or will be) stored, never with this request's own receipt, which was not stored.
                Outcome repeated = repeat(n, sha, notifications.get(n.id()), () -> fullRecord(n, sha, envelope),
                        arrivedEpochNanos);
                if (repeated != null) {
                    return repeated;
                }
                continue;
            }
            metrics.accepted();
            metrics.deliveryLag(Duration.between(now, clock.instant()));
            screeningQueue.enqueue(n.id(), arrivedEpochNanos);
            return new Outcome(201, record.get("receipt"));
        }
    }

    /** A claim of an id; its token makes every claim a distinct value, so that none completes another's delivery. */
    private static HazelcastJsonValue claim(String id, String sha) {
        return new HazelcastJsonValue(ProtocolJson.mapper().createObjectNode().put("id", id).put("sha256", sha)
                .put("state", "SUBMITTED").put("claimedAtMillis", System.currentTimeMillis())
                .put("claimToken", java.util.concurrent.ThreadLocalRandom.current().nextLong()).toString());
    }

    /**
     * A claim older than this was abandoned: its request died (or stalled) between claiming and
     * delivering, and no retry took it over. It is rolled back, so that readers waiting at its inbox
     * entry move on and a later retry delivers anew. As long as the hole timeout readers once waited.
     */
    public static final Duration CLAIM_ABANDONED = Inbox.HOLE_TIMEOUT;

    /**
     * Rolls back the abandoned claims this member owns; run periodically on every member. A rolled-back
     * claim's request, should it wake, finds its claim gone, withdraws its entry and claims again.
     *
     * @return how many claims were rolled back
     */
    public int rollBackAbandonedClaims() {
        long cutoff = System.currentTimeMillis() - CLAIM_ABANDONED.toMillis();
        int rolledBack = 0;
        for (String id : notifications.localKeySet(com.hazelcast.query.Predicates.lessThan("claimedAtMillis", cutoff))) {
            HazelcastJsonValue v = notifications.get(id);
            if (v != null && NotificationRecords.isClaim(v)
                    && NotificationRecords.parse(v).path("claimedAtMillis").asLong() < cutoff && notifications.remove(id, v)) {
                rolledBack++;
            }
        }
        return rolledBack;
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
    static final int RETRY_AFTER_SECONDS = 1;
    static final int MAX_RETRY_AFTER_SECONDS = 30;

    /** How long a retry waits for another request's claim to be delivered before taking the delivery over. */
    static final long CLAIM_TIMEOUT_MILLIS = 3000;

    /** Answers a repeat or a conflict; null when the claim it found was rolled back and the caller must claim anew. */
    private Outcome repeat(PreExportNotification n, String sha, HazelcastJsonValue existing,
            java.util.function.Supplier<ObjectNode> fresh, long arrivedEpochNanos) {
        HazelcastJsonValue current = existing;
        while (true) {
            if (current == null) {
                return null;
            }
            ObjectNode record = NotificationRecords.parse(current);
            if (!record.get("sha256").asText().equals(sha)) {
                throw reject("conflict", ApiProblem.conflict("id-conflict", "notification " + n.id()
                        + " was already submitted with different content (SHA-256 " + record.get("sha256").asText() + ")"));
            }
            if (!"SUBMITTED".equals(record.path("state").asText())) {
                // The first request may have died between storing and queueing: queue again while a
                // screened notification's tombstone would still be found.
                if (Duration.between(Instant.parse(record.get("receivedAt").asText()), clock.instant()).toSeconds()
                        < GlobalScreeningQueue.requeueWindowSeconds()) {
                    screeningQueue.enqueue(n.id(), arrivedEpochNanos);
                }
                return new Outcome(200, record.get("receipt"));
            }
            // Claimed but not delivered yet: the first request is still at work, or died on the way. (A
            // claim dated in the future comes from a member whose clock is ahead: not waited for.)
            long age = System.currentTimeMillis() - record.path("claimedAtMillis").asLong();
            if (age > -1000 && age < CLAIM_TIMEOUT_MILLIS) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a delivery", e);
                }
                current = notifications.get(n.id());
                continue;
            }
            HazelcastJsonValue takeover = claim(n.id(), sha);
            if (notifications.replace(n.id(), current, takeover)) {
                // The request that claimed it never answered: this one delivers, with a receipt of its own.
                ObjectNode full = fresh.get();
                Delivery delivery = deliver(n, full, takeover);
                if (delivery == Delivery.GONE) {
                    return null;
                }
                if (delivery == Delivery.OURS) {
                    screeningQueue.enqueue(n.id(), arrivedEpochNanos);
                    return new Outcome(200, full.get("receipt"));
                }
                // OTHER: yet another request holds it now; look again.
            }
            current = notifications.get(n.id());
        }
    }

    /**
     * Delivers a claimed notification to the importing authority's inbox and completes its record. If the
     * claim was taken over meanwhile (this request was slow enough to be thought dead), the inbox entry is
     * withdrawn again (readers never serve it: the record names the other request's entry), and the
     * notification is delivered once, by the other request.
     *
     * @return {@link Delivery#OURS} when this request delivered it; {@link Delivery#OTHER} when another
     *         request holds or completed the id (answer as a repeat); {@link Delivery#GONE} when the claim
     *         was rolled back as abandoned (nothing delivered: claim anew)
     */
    private Delivery deliver(PreExportNotification n, ObjectNode record, HazelcastJsonValue claim) {
        long inboxSequence = inbox.append(n.importingCountry(), AuthorityRole.IMPORTING, "NOTIFICATION", n.id(), n.id());
        Instant now = clock.instant();
        record.put("state", "DELIVERED");
        record.put("inboxSequence", inboxSequence);
        record.put("deliveredAt", now.toString());
        record.putArray("events").addObject().put("eventId", n.id() + "/deliver").put("type", "DELIVER")
                .put("from", "SUBMITTED").put("to", "DELIVERED").put("at", now.toString());
        if (!notifications.replace(n.id(), claim, new HazelcastJsonValue(record.toString()))) {
            // Either the claim was taken over or rolled back, or this very replace was applied and then
            // retried by the cluster (its owner died in between), so the retry no longer found the claim: look.
            HazelcastJsonValue current = notifications.get(n.id());
            boolean ours = current != null
                    && NotificationRecords.parse(current).path("inboxSequence").asLong(-1) == inboxSequence;
            if (!ours) {
                inbox.withdraw(n.importingCountry(), AuthorityRole.IMPORTING, inboxSequence, "NOTIFICATION", n.id());
                return current == null ? Delivery.GONE : Delivery.OTHER;
            }
        }
        return Delivery.OURS;
    }

    /** How a delivery attempt ended (see {@link #deliver}). */
    private enum Delivery { OURS, OTHER, GONE }

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
