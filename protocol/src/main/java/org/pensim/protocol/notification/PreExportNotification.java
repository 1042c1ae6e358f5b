package org.pensim.protocol.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A pre-export notification (1988 Convention art. 12(10)(a)): what the exporting authority tells the
 * importing authority before a shipment of a scheduled substance leaves. Immutable; the document that
 * is signed is its canonical JSON form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreExportNotification(
        String id,
        NotificationChannel channel,
        String exportingCountry,
        String importingCountry,
        Instant issuedAt,
        List<Party> parties,
        List<ShipmentItem> items,
        Route route,
        LocalDate expectedDispatchDate,
        LocalDate expectedArrivalDate,
        LocalDate replyDeadline,
        String exportAuthorisationNumber,
        String importPermitNumber,
        String invoiceNumber,
        String endUse) {

    public PreExportNotification {
        parties = parties == null ? List.of() : List.copyOf(parties);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Optional<Party> party(PartyRole role) {
        return Optional.ofNullable(first(role));
    }

    @JsonIgnore
    public Party exporter() {
        return required(PartyRole.EXPORTER);
    }

    @JsonIgnore
    public Party importer() {
        return required(PartyRole.IMPORTER);
    }

    /** The ultimate consignee, or the importer when none is named. */
    @JsonIgnore
    public Party consignee() {
        Party c = first(PartyRole.CONSIGNEE);
        return c != null ? c : importer();
    }

    // Screening asks for these parties many times per notification: without an Optional each time.
    private Party first(PartyRole role) {
        for (Party p : parties) {
            if (p.role() == role) {
                return p;
            }
        }
        return null;
    }

    private Party required(PartyRole role) {
        Party p = first(role);
        if (p == null) {
            throw new java.util.NoSuchElementException("No value present");
        }
        return p;
    }

    /** A copy with another id: used by simulations and tests to make families of notifications. */
    public PreExportNotification withId(String newId) {
        return new PreExportNotification(newId, channel, exportingCountry, importingCountry, issuedAt, parties,
                items, route, expectedDispatchDate, expectedArrivalDate, replyDeadline, exportAuthorisationNumber,
                importPermitNumber, invoiceNumber, endUse);
    }
}
