package org.pensim.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.pensim.registry.TestCluster;
import org.pensim.registry.cluster.RegistryMaps;

/**
 * Replay protection on two real members, across the death of the member that owns a nonce: Hazelcast runs the
 * nonce's write again on the survivor when the owner left before answering, and that second run, which finds the
 * first run's value in the promoted backup, is the same request, not a replay (a graceful stop under load once
 * answered a 401 "replayed-request" to a request sent once). Another request with the nonce is still a replay.
 */
class NonceReplayTest {

    @Test
    void the_same_request_run_again_after_its_owner_died_is_not_a_replay_of_itself() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            HazelcastInstance first = cluster.members.get(0).hazelcast();
            HazelcastInstance second = cluster.members.get(1).hazelcast();
            RequestAuthentication viaSecond = new RequestAuthentication(null, null,
                    RegistryMaps.map(second, RegistryMaps.NONCES), 300, Clock.systemUTC());
            String key = TestCluster.keyOwnedBy(first, "kid:nonce-");
            String request = RequestAuthentication.requestToken();
            long now = Clock.systemUTC().instant().getEpochSecond();

            assertThat(viaSecond.firstUse(key, now, request)).isTrue();
            cluster.members.get(0).kill();
            cluster.awaitSize(1);
            // What Hazelcast's retry does: the same operation, the same value, now on the survivor holding the backup.
            assertThat(viaSecond.firstUse(key, now, request)).as("the operation run again").isTrue();
            assertThat(viaSecond.firstUse(key, now, RequestAuthentication.requestToken())).as("another request").isFalse();
            assertThat(viaSecond.firstUse(key, now + 1, request)).as("the same request at another second").isFalse();
        }
    }

    @Test
    void request_tokens_differ() {
        java.util.Set<String> tokens = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(RequestAuthentication.requestToken());
        }
        assertThat(tokens).hasSize(10_000);
    }

}
