package org.pensim.simulations.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.lifecycle.LifecycleTransitions;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.lifecycle.Trigger;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.Packages;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.Route;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.quantity.PureSubstanceConversion;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.signing.VerificationFailure;
import org.pensim.protocol.signing.VerifiedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.simulations.cli.PensimCommand.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An end-to-end walk through the protocol with real keys and signatures: CA, enrolment, a validated and
 * signed notification, verification, tampering, forgery, revocation and the lifecycle table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through the signed notification protocol end to end, with real keys and checks.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the CA, keys and signed notification here.")
    Path out;

    @Option(names = "--count", defaultValue = "5000", description = "Notifications to sign and verify for the timing step (default: ${DEFAULT-VALUE}).")
    int count;

    private PrintWriter console;
    private int step;

    @Override
    public Integer call() throws IOException {
        console = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
        CountryProfiles countries = CountryProfiles.standard();

        CertificateAuthority ca = CertificateAuthority.create("pensim demo root CA", clock, Duration.ofDays(365));
        say("created a root CA: %s", ca.certificate().getSubjectX500Principal());
        AuthorityCredentials germany = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(90));
        AuthorityCredentials india = ca.enrol("IN", AuthorityRole.IMPORTING, Duration.ofDays(90));
        AuthorityCredentials france = ca.enrol("FR", AuthorityRole.EXPORTING, Duration.ofDays(90));
        say("enrolled the %s, %s and %s (Ed25519 keys, X.509 certificates)", germany.certificate().describe(),
                india.certificate().describe(), france.certificate().describe());

        PreExportNotification notification = sampleNotification(catalogue, countries.of("IN"), clock.instant());
        ObjectNode doc = (ObjectNode) ProtocolJson.tree(notification);
        var problems = DocumentValidator.standard().checkNotification(doc);
        if (!problems.isEmpty()) {
            throw new CliFailure("demonstration failed: the sample notification is invalid: " + problems);
        }
        say("built notification %s: %s kg pseudoephedrine hydrochloride = %s kg base, DE -> IN, reply by %s; "
                + "schema and catalogue checks passed", notification.id(), notification.items().get(0).quantity().value(),
                notification.items().get(0).netPureKg(), notification.replyDeadline());

        SignedDocument signed = new DocumentSigner(germany).sign(DocumentType.NOTIFICATION, doc);
        Set<java.math.BigInteger> revoked = ConcurrentHashMap.newKeySet();
        SignatureVerifier importerView = new SignatureVerifier(new CertificateChecker(ca.certificate(), revoked::contains, clock));
        VerifiedDocument verified = importerView.verify(signed, DocumentType.NOTIFICATION);
        say("signed by the %s; the importing authority verified it: kid %s, SHA-256 of the canonical bytes %s",
                verified.signer().describe(), verified.signer().thumbprint(), verified.sha256());

        ObjectNode tamperedDoc = doc.deepCopy();
        ((ObjectNode) tamperedDoc.at("/items/0/quantity")).put("value", "5000");
        expectFailure(importerView, new SignedDocument(signed.protectedHeader(), tamperedDoc, signed.signature()),
                VerificationFailure.SIGNATURE_INVALID, "quantity changed from 500 to 5000 kg after signing");

        SignedDocument forged = new DocumentSigner(france).sign(DocumentType.NOTIFICATION, doc);
        expectFailure(importerView, forged, VerificationFailure.WRONG_COUNTRY, "the FR authority signs a DE notification");

        NotificationState state = LifecycleTransitions.apply(NotificationState.SUBMITTED,
                Trigger.of(EventType.DELIVER), NotificationChannel.FULL, AuthorityRole.OPERATOR).next();
        LifecycleEvent objection = LifecycleEvent.reply("IN-R-" + notification.id(), notification.id(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS), "IN", Decision.OBJECTION,
                List.of("cumulative imports would exceed the annual legitimate requirement"));
        SignedDocument signedObjection = new DocumentSigner(india).sign(DocumentType.EVENT, objection);
        importerView.verify(signedObjection, DocumentType.EVENT);
        var outcome = LifecycleTransitions.apply(state, objection.trigger(), NotificationChannel.FULL, AuthorityRole.IMPORTING);
        say("the %s signed an objection; the lifecycle table moves %s -> %s", india.certificate().describe(), state,
                outcome.next());
        var ship = LifecycleTransitions.apply(outcome.next(), Trigger.of(EventType.SHIP), NotificationChannel.FULL,
                AuthorityRole.EXPORTING);
        if (ship.accepted()) {
            throw new CliFailure("demonstration failed: shipping after an objection was accepted");
        }
        say("the exporter tries to record the shipment: refused (%s)", ship.refusal());

        revoked.add(germany.certificate().certificate().getSerialNumber());
        expectFailure(importerView, signed, VerificationFailure.CERTIFICATE_REVOKED, "the DE certificate is revoked");

        timing(germany, ca, doc);

        if (out != null) {
            ca.save(out.resolve("ca"));
            java.nio.file.Files.writeString(out.resolve("notification.json"), ProtocolJson.pretty(doc) + "\n");
            java.nio.file.Files.writeString(out.resolve("notification.signed.json"),
                    ProtocolJson.pretty(signed.toJson()) + "\n");
            say("wrote the CA, the notification and its signed form to %s", out);
        }
        console.println("demonstration complete: every check behaved as the protocol requires");
        return 0;
    }

    private void timing(AuthorityCredentials exporter, CertificateAuthority ca, ObjectNode doc) {
        DocumentSigner signer = new DocumentSigner(exporter);
        SignatureVerifier verifier = new SignatureVerifier(new CertificateChecker(ca.certificate(),
                serial -> false, Clock.systemUTC()));
        int n = Math.max(100, count);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ObjectNode d = doc.deepCopy();
            d.put("id", "DE-DEMO-" + i);
            verifier.verify(signer.sign(DocumentType.NOTIFICATION, d), DocumentType.NOTIFICATION);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        say("signed and verified %d distinct notifications on one thread in %.2f s (%.0f a second, JIT warm-up "
                + "included; see docs/benchmarks.md for measured figures)", n, seconds, n / seconds);
    }

    private void expectFailure(SignatureVerifier verifier, SignedDocument doc, VerificationFailure expected, String what) {
        try {
            verifier.verify(doc, DocumentType.NOTIFICATION);
        } catch (SignatureVerificationException e) {
            if (e.reason() != expected) {
                throw new CliFailure("demonstration failed: " + what + " gave " + e.reason() + " instead of " + expected);
            }
            say("%s: rejected with %s (%s)", what, e.reason(), e.getMessage());
            return;
        }
        throw new CliFailure("demonstration failed: " + what + " was accepted");
    }

    private void say(String format, Object... args) {
        console.printf("%2d. %s%n", ++step, String.format(java.util.Locale.ROOT, format, args));
        console.flush();
    }

    static PreExportNotification sampleNotification(SubstanceCatalogue catalogue, CountryProfile importing, Instant now) {
        Substance pse = catalogue.byId("pseudoephedrine").orElseThrow();
        Quantity quantity = Quantity.kg("500");
        BigDecimal concentration = new BigDecimal("99.5");
        BigDecimal net = PureSubstanceConversion.toPureKilograms(pse, quantity, SubstanceForm.SALT, "hydrochloride",
                concentration, null);
        Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(issued, ZoneOffset.UTC);
        LocalDate deadline = importing.replyDeadline().deadlineFrom(today, importing.calendar());
        return new PreExportNotification(
                "DE-DEMO-" + today.getYear() + "-000001",
                NotificationChannel.FULL, "DE", importing.code(), issued,
                List.of(new Party(PartyRole.EXPORTER, "Rheinchem Feinchemikalien GmbH",
                                new Address("Industriestrasse 12", "Ludwigshafen", "67063", "DE", null),
                                BusinessType.MANUFACTURER, List.of(new Identifier("EORI", "DE4471920000031")), null),
                        new Party(PartyRole.IMPORTER, "Deccan Pharma Formulations Pvt Ltd",
                                new Address("Plot 44, IDA Pashamylaram", "Hyderabad", "502307", importing.code(), null),
                                BusinessType.PHARMACEUTICAL_MANUFACTURER, List.of(), null)),
                List.of(new ShipmentItem(pse.id(), pse.cas(), "Pseudoephedrine hydrochloride USP", SubstanceForm.SALT,
                        "hydrochloride", concentration, quantity, null, net, new Packages(20, "fibre drum 25 kg"),
                        pse.hsCode())),
                new Route(List.of("AE"), "Hamburg seaport", "Nhava Sheva", TransportMode.SEA),
                deadline.plusDays(4), deadline.plusDays(30), deadline,
                "BfArM-EX-" + today.getYear() + "-04471", null, "RC-INV-88213",
                "manufacture of decongestant tablets");
    }
}
