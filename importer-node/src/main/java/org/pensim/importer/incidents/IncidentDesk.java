package org.pensim.importer.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.validation.DocumentValidator;

/**
 * An importing authority's incidents: those its officers report (signed by the authority) and those other
 * authorities share (verified). Each is kept and learnt, so that later notifications naming the same entities are
 * flagged by national screening.
 */
public final class IncidentDesk {

    private final String country;
    private final ImporterStore store;
    private final SignatureVerifier verifier;
    private final DocumentValidator validator;
    private final DocumentSigner signer;
    private final NationalKnowledge knowledge;
    private final Clock clock;

    public IncidentDesk(String country, ImporterStore store, SignatureVerifier verifier, DocumentValidator validator,
            DocumentSigner signer, NationalKnowledge knowledge, Clock clock) {
        this.country = country;
        this.store = store;
        this.verifier = verifier;
        this.validator = validator;
        this.signer = signer;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    /**
     * Records an incident (seizure, stopped shipment) an officer reports, naming the entities involved: signed by
     * this authority, kept, and added to its watch list.
     *
     * @return the incident's id
     * @throws IllegalArgumentException when the report does not make a valid incident, saying why
     */
    public String report(JsonNode body, OfficerSessions.Officer officer) {
        List<InvolvedEntity> entities = new ArrayList<>();
        for (JsonNode en : body.path("entities")) {
            entities.add(new InvolvedEntity(en.path("name").asText(), en.path("role").asText(null),
                    en.hasNonNull("country") ? new Address("unknown", "unknown", null, en.get("country").asText(), null) : null,
                    en.hasNonNull("identifier") ? List.of(new Identifier(en.path("identifierScheme").asText("REG"),
                            en.get("identifier").asText())) : List.of()));
        }
        String id = country + "-INC-" + clock.millis();
        IncidentType type;
        try {
            type = IncidentType.valueOf(body.path("type").asText("SEIZURE"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type must be one of " + java.util.Arrays.toString(IncidentType.values()));
        }
        Incident incident = new Incident(id, type, country, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), body.path("substanceId").asText(null), null,
                body.path("notificationId").asText(null), entities, body.path("description").asText("reported by an officer"));
        var problems = validator.checkIncident(ProtocolJson.tree(incident));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.stream().map(IncidentDesk::inWords).toList()));
        }
        SignedDocument signed = signer.sign(DocumentType.INCIDENT, incident);
        store.recordIncident(id, "REPORTED_" + incident.type(), signed.toJson().toString(), 0);
        store.actions().record(incident.notificationId(), clock.instant(), officer, "REPORT_" + incident.type(), id);
        knowledge.learn(incident);
        return id;
    }

    /**
     * An incident another authority shared (a seizure naming companies, say): verified like any signed document,
     * kept, and learnt.
     *
     * @return the incident's id
     * @throws IllegalArgumentException when it is not trustworthy or not valid, saying why
     */
    public String receive(SignedDocument signed) {
        try {
            verifier.verify(signed, DocumentType.INCIDENT);
        } catch (SignatureVerificationException e) {
            throw new IllegalArgumentException("the shared incident is not trustworthy: " + e.getMessage());
        }
        var problems = validator.checkIncident(signed.document());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the shared incident is invalid: " + problems);
        }
        Incident incident = ProtocolJson.fromTree(signed.document(), Incident.class);
        store.recordIncident(incident.id(), "SHARED_" + incident.type(), signed.toJson().toString(), 0);
        knowledge.learn(incident);
        return incident.id();
    }

    /** The incidents as the officer's page lists them: who reported what, naming whom. */
    public List<Map<String, Object>> list() {
        return store.incidentList().stream().map(IncidentDesk::summary).toList();
    }

    private static Map<String, Object> summary(ImporterStore.IncidentRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        String text = r.detail();
        try {
            JsonNode doc = ProtocolJson.parse(r.detail().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("document");
            if (!doc.isMissingNode()) {
                List<String> names = new ArrayList<>();
                doc.path("entities").forEach(en -> names.add(en.path("name").asText()));
                text = doc.path("reportingCountry").asText("") + ": " + doc.path("description").asText("")
                        + (names.isEmpty() ? "" : " (named: " + String.join(", ", names) + ")");
            }
        } catch (Exception notJson) {
            // a refusal reason, shown as it is
        }
        m.put("summary", text);
        return m;
    }

    /** The report form's fields by the part of the incident they make: a problem is said by the field the officer typed. */
    private static final java.util.Map<String, String> FIELDS = java.util.Map.of(
            "/entities/0/name", "Named (the company or person)",
            "/entities/0/address/country", "Country",
            "/entities", "Named (the company or person)",
            "/substanceId", "Substance",
            "/description", "What happened");

    /** "Named (the company or person): must be at least 2 characters long", not "/entities/0/name: ...". */
    static String inWords(org.pensim.protocol.validation.Problem p) {
        String field = FIELDS.get(p.pointer());
        return (field != null ? field : p.pointer().isEmpty() ? "the report" : p.pointer()) + ": " + p.message();
    }
}
