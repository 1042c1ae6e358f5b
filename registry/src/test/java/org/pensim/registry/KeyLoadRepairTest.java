package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.recordstore.DefaultRecordStore;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pensim.registry.cluster.RegistryMaps;

/**
 * A partition that a migration left "still loading data from external store" (a Hazelcast 5.7 defect: its key
 * loader waits for an answer nobody sends) is repaired by the members, so that reads of it answer again
 * instead of retrying until they time out. The stuck state is the one found on a member after another one
 * stopped under load: key loader a receiver, loading, its loading future never completed.
 */
class KeyLoadRepairTest {

    @Test
    void a_partition_left_waiting_for_its_key_loading_is_readable_again_within_seconds() throws Exception {
        try (TestCluster cluster = new TestCluster(1).start()) {
            HazelcastInstance hz = cluster.members.get(0).hazelcast();
            var flags = RegistryMaps.map(hz, RegistryMaps.GLOBAL_FLAGS);
            int keyLoading = hz.getPartitionService().getPartition(RegistryMaps.GLOBAL_FLAGS).getPartitionId();
            String key = "DE-REPAIR-0";
            for (int i = 1; hz.getPartitionService().getPartition(key).getPartitionId() == keyLoading; i++) {
                key = "DE-REPAIR-" + i;
            }
            flags.set(key, new HazelcastJsonValue("{\"flags\":[]}"));

            java.util.UUID ownerId = hz.getPartitionService().getPartition(key).getOwner().getUuid();
            HazelcastInstance owner = cluster.members.stream().map(RegistryMember::hazelcast)
                    .filter(m -> m.getCluster().getLocalMember().getUuid().equals(ownerId)).findFirst().orElseThrow();
            DefaultRecordStore store = recordStore(owner, hz.getPartitionService().getPartition(key).getPartitionId());
            leaveWaitingForKeyLoading(store);
            assertThat(store.isLoaded()).as("the store is stuck before the repair").isFalse();

            HazelcastJsonValue read = flags.getAsync(key).toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertThat(read).isNotNull();
            assertThat(read.getValue()).contains("flags");
            assertThat(store.isLoaded()).isTrue();
        }
    }

    private static DefaultRecordStore recordStore(HazelcastInstance member, int partition) {
        var nodeEngine = ((HazelcastInstanceProxy) member).getOriginal().node.nodeEngine;
        MapService maps = nodeEngine.getService(MapService.SERVICE_NAME);
        return (DefaultRecordStore) maps.getMapServiceContext().getPartitionContainer(partition)
                .getRecordStore(RegistryMaps.GLOBAL_FLAGS);
    }

    /** Puts the store's key loader back to loading, with a future that only a "key loading finished" notice completes. */
    private static void leaveWaitingForKeyLoading(DefaultRecordStore store) throws Exception {
        Field loaderField = DefaultRecordStore.class.getDeclaredField("keyLoader");
        loaderField.setAccessible(true);
        Object loader = loaderField.get(store);
        loader.getClass().getMethod("trackLoading", boolean.class, Throwable.class).invoke(loader, false, null);
        Class<?> futureClass = Class.forName("com.hazelcast.map.impl.MapKeyLoader$LoadFinishedFuture");
        Constructor<?> notDone = futureClass.getDeclaredConstructor();
        notDone.setAccessible(true);
        Object waiting = notDone.newInstance();
        Field finished = loader.getClass().getDeclaredField("keyLoadFinished");
        finished.setAccessible(true);
        finished.set(loader, waiting);
        store.getLoadingFutures().add((Future<?>) waiting);
    }
}
