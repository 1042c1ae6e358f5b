package org.pensim.registry.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import org.junit.jupiter.api.Test;
import org.pensim.registry.cluster.ClusterSerialization;

/**
 * An inbox head hands out one sequence per request, even when the request's allocation runs twice (as Hazelcast
 * runs an operation again when its owner left before answering), and remembers who each recent sequence went to.
 */
class InboxHeadTest {

    @Test
    void the_same_request_gets_the_same_sequence_and_others_the_next() {
        InboxHead head = new InboxHead(10);
        assertThat(head.allocate(7, "m1")).isEqualTo(11);
        assertThat(head.allocate(8, "m2")).isEqualTo(12);
        assertThat(head.allocate(7, "m1")).as("the first request, run again").isEqualTo(11);
        assertThat(head.allocate(9, "m1")).isEqualTo(13);
        assertThat(head.last()).isEqualTo(13);
        assertThat(head.memberOf(12)).isEqualTo("m2");
        assertThat(head.memberOf(13)).isEqualTo("m1");
        assertThat(head.memberOf(10)).as("before the head remembered").isNull();
        assertThat(head.memberOf(14)).as("not handed out").isNull();
    }

    @Test
    void only_the_recent_sequences_are_remembered() {
        InboxHead head = new InboxHead(0);
        for (long token = 1; token <= InboxHead.REMEMBERED + 5; token++) {
            head.allocate(token, "m" + token);
        }
        assertThat(head.memberOf(5)).isNull();
        assertThat(head.memberOf(6)).isEqualTo("m6");
        assertThat(head.allocate(3, "again")).as("a token too old to be remembered gets a new sequence")
                .isEqualTo(InboxHead.REMEMBERED + 6);
    }

    @Test
    void a_head_travels_whole() {
        SerializationConfig config = new SerializationConfig();
        ClusterSerialization.configure(config);
        InternalSerializationService members = new DefaultSerializationServiceBuilder().setConfig(config).build();
        InboxHead head = new InboxHead(40);
        head.allocate(5, "m1");
        InboxHead copy = members.toObject(members.toData(head));
        assertThat(copy.last()).isEqualTo(41);
        assertThat(copy.memberOf(41)).isEqualTo("m1");
        assertThat(copy.allocate(5, "m1")).isEqualTo(41);
    }
}
