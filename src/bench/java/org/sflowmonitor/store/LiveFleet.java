package org.sflowmonitor.store;

/** For benchmarks outside this package: the writer's live state of a fleet, as after loading it. */
public final class LiveFleet {

    private LiveFleet() {
    }

    /**
     * {@code hosts} hosts (ids 1..) with {@code vmsPerHost} VMs each, every host with the polling
     * interval {@code intervalMillis}; VM {@code i} last seen at {@code now - i % 4 * intervalMillis}
     * (so a quarter of them are past three intervals).
     */
    public static LiveEntities of(int hosts, int vmsPerHost, long now, long intervalMillis) {
        LiveEntities live = new LiveEntities();
        long vm = 1;
        for (long h = 1; h <= hosts; h++) {
            live.hostsLastSeen.set(h, now);
            live.hostsPollingInterval.set(h, intervalMillis);
            live.hostsVmCount.set(h, vmsPerHost);
            for (int i = 0; i < vmsPerHost; i++, vm++) {
                live.vmsLastSeen.set(vm, now - (vm % 4) * 2 * intervalMillis);
                live.vmsHost.set(vm, h);
            }
        }
        live.markLoaded();
        return live;
    }
}
