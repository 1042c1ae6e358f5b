package org.pensim.registry.authorities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.Crypto;
import org.pensim.registry.http.ApiProblem;

/**
 * One-time enrolment credentials: the operator issues a token for a country and role; a node presents it
 * with its new public key on its first start and receives its certificate. The registry keeps only the
 * token's hash, and a token works once, before it expires.
 */
public final class EnrolmentTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IMap<String, HazelcastJsonValue> tokens;
    private final AuthorityDirectory directory;
    private final Clock clock;

    public EnrolmentTokens(IMap<String, HazelcastJsonValue> tokens, AuthorityDirectory directory, Clock clock) {
        this.tokens = tokens;
        this.directory = directory;
        this.clock = clock;
    }

    /** Issues a token; returns the token itself, which is shown once. */
    public String issue(String country, String role, Duration validity) {
        AuthorityRole r = AuthorityDirectory.checkEnrolment(country, role);
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Crypto.base64Url(raw);
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("country", country).put("role", r.label()).put("expiresAt", clock.instant().plus(validity).toString())
                .put("used", false);
        tokens.set(hash(token), new HazelcastJsonValue(n.toString()));
        return token;
    }

    /** Enrols the key the token's bearer presents; the token is spent atomically, on the member that owns it. */
    public AuthorityCertificate redeem(String token, String publicKey) {
        if (token == null || token.isBlank()) {
            throw ApiProblem.badRequest("invalid-enrolment", "/token: an enrolment token is required");
        }
        String result = tokens.executeOnKey(hash(token), new Spend(clock.instant().toString()));
        if (result.startsWith("!")) {
            throw ApiProblem.forbidden(result.substring(1));
        }
        String[] countryRole = result.split(":");
        return directory.enrol(countryRole[0], countryRole[1], publicKey);
    }

    private static String hash(String token) {
        return Crypto.hex(Crypto.sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Marks a token used if it is valid; answers "country:role", or "!reason". */
    public static final class Spend implements EntryProcessor<String, HazelcastJsonValue, String>,
            com.hazelcast.nio.serialization.IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;
        private String now;

        /** For deserialization ({@link org.pensim.registry.cluster.ClusterSerialization}). */
        public Spend() {
        }

        @Override
        public int getFactoryId() {
            return org.pensim.registry.cluster.ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return org.pensim.registry.cluster.ClusterSerialization.SPEND_TOKEN;
        }

        @Override
        public void writeData(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
            out.writeString(now);
        }

        @Override
        public void readData(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
            now = in.readString();
        }

        Spend(String now) {
            this.now = now;
        }

        @Override
        public String process(Map.Entry<String, HazelcastJsonValue> entry) {
            if (entry.getValue() == null) {
                return "!this enrolment token is not known to the registry";
            }
            ObjectNode n;
            try {
                n = (ObjectNode) ProtocolJson.parse(entry.getValue().toString());
            } catch (Exception e) {
                return "!corrupt token record";
            }
            if (n.path("used").asBoolean()) {
                return "!this enrolment token was already used";
            }
            if (Instant.parse(n.get("expiresAt").asText()).isBefore(Instant.parse(now))) {
                return "!this enrolment token expired at " + n.get("expiresAt").asText();
            }
            n.put("used", true).put("usedAt", now);
            entry.setValue(new HazelcastJsonValue(n.toString()));
            return n.get("country").asText() + ":" + n.get("role").asText();
        }
    }
}
