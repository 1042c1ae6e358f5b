package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.operation.KeyLoadStatusOperation;
import com.hazelcast.map.impl.operation.TriggerLoadIfNeededOperation;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngineImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees map partitions that Hazelcast 5.7 leaves "still loading data from external store" for good after a
 * migration, which made every read of them hang (seen after a member stopped under load: the global flags of
 * ten partitions could not be read, and the inbox pages that embed them timed out).
 *
 * <p>When a partition's record store is created on its new owner while the partitions move, its key loader
 * asks the map's key-loading partition once whether keys were loaded; if the answer is "not yet" (that
 * partition is itself moving), nothing ever tells it again: later asks go out with their answer ignored
 * (Hazelcast's {@code MapKeyLoader.triggerLoadingWithDelay}). This watch gives the stuck partition the answer it
 * waits for: once the key-loading partition reports its keys loaded, the stuck partition gets the same
 * "key loading finished" notice the loading partition broadcasts when it finishes. Values loading for that
 * partition is tracked apart and still has to finish, so nothing is read before it is loaded.
 */
public final class KeyLoadRepair {

    private static final Logger LOG = LoggerFactory.getLogger(KeyLoadRepair.class);
    /** Checks a store must be seen stuck in before it is repaired: loading that is merely slow finishes first. */
    private static final int CHECKS_BEFORE_REPAIR = 3;

    private final NodeEngineImpl nodeEngine;
    private final Set<String> maps;
    /** Stores seen still loading keys, by partition and map, with how many checks in a row. */
    private final Map<String, Integer> seenLoading = new HashMap<>();

    public KeyLoadRepair(HazelcastInstance hazelcast, Set<String> maps) {
        this.nodeEngine = ((HazelcastInstanceProxy) hazelcast).getOriginal().node.nodeEngine;
        this.maps = Set.copyOf(maps);
    }

    /** Looks at the partitions this member owns and repairs those stuck; returns how many it repaired. */
    public synchronized int check() throws Exception {
        MapServiceContext context = nodeEngine.<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
        IPartitionService partitions = nodeEngine.getPartitionService();
        Set<String> stillLoading = new HashSet<>();
        Map<String, List<Integer>> stuck = new HashMap<>();
        for (int p = 0; p < partitions.getPartitionCount(); p++) {
            if (!partitions.isPartitionOwner(p)) {
                continue;
            }
            for (RecordStore<?> store : context.getPartitionContainer(p).getAllRecordStores()) {
                if (!maps.contains(store.getName()) || store.isKeyLoadFinished()) {
                    continue;
                }
                String id = p + "/" + store.getName();
                stillLoading.add(id);
                if (seenLoading.merge(id, 1, Integer::sum) >= CHECKS_BEFORE_REPAIR) {
                    stuck.computeIfAbsent(store.getName(), m -> new ArrayList<>()).add(p);
                }
            }
        }
        seenLoading.keySet().retainAll(stillLoading);
        int repaired = 0;
        // One question per map, however many of its partitions wait: a cold start's long load asks little.
        for (Map.Entry<String, List<Integer>> e : stuck.entrySet()) {
            if (keysLoaded(e.getKey())) {
                for (int partition : e.getValue()) {
                    repair(e.getKey(), partition);
                    seenLoading.remove(partition + "/" + e.getKey());
                    repaired++;
                }
            }
        }
        return repaired;
    }

    /** Whether the map's key-loading partition has loaded and handed out all keys (asking it also starts a load it owes). */
    private boolean keysLoaded(String map) throws Exception {
        int keyLoading = nodeEngine.getPartitionService().getPartitionId(nodeEngine.toData(map));
        return Boolean.TRUE.equals(nodeEngine.getOperationService().<Boolean>invokeOnPartition(MapService.SERVICE_NAME,
                new TriggerLoadIfNeededOperation(map), keyLoading).get(10, TimeUnit.SECONDS));
    }

    private void repair(String map, int partition) throws Exception {
        nodeEngine.getOperationService().invokeOnPartition(MapService.SERVICE_NAME, new KeyLoadStatusOperation(map, null),
                partition).get(10, TimeUnit.SECONDS);
        LOG.warn("map {} partition {} was left waiting for its key loading after a migration; told it the keys are loaded",
                map, partition);
    }
}
