package org.sflowmonitor.store;

import java.util.function.ToIntFunction;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * A measure a rollup computes from several columns of a sample (and of the sample before): the
 * utilisations the summaries give, by the same rules ({@link Utilisation}). {@code record} is
 * the counter record whose time-series method shows it. Column positions are resolved once.
 */
sealed interface Derived {

    String name();

    Class<? extends CounterRecord> record();

    /**
     * The value for the values {@code cur}; NaN when there is none. {@code prev} is null or the
     * values of a sample comparable with cur, {@code elapsedMillis} before it.
     */
    double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis);

    /** Host CPU %: the busy share of all CPU time (host.summary's cpu_utilisation). */
    record HostCpu(int[] times, int[] notBusy, int steal, int cpuNum) implements Derived {
        static HostCpu of(ToIntFunction<String> column) {
            return new HostCpu(Utilisation.CPU_TIMES.stream().mapToInt(column).toArray(),
                    Utilisation.CPU_NOT_BUSY.stream().mapToInt(column).toArray(), column.applyAsInt("cpu_steal"),
                    column.applyAsInt("cpu_num"));
        }

        @Override
        public String name() {
            return "cpu_utilisation";
        }

        @Override
        public Class<? extends CounterRecord> record() {
            return CounterRecord.HostCpu.class;
        }

        @Override
        public double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis) {
            if (prev == null) {
                return Double.NaN;
            }
            long total = 0;
            long idle = 0;
            for (int t : times) {
                long d = layout.step(t, prev, cur);
                if (d == Counters.NO_DELTA) {
                    return Double.NaN;
                }
                total += d;
            }
            for (int t : notBusy) {
                idle += layout.step(t, prev, cur);
            }
            long stolen = layout.step(steal, prev, cur);
            total += stolen == Counters.NO_DELTA ? 0 : stolen;
            double cpus = layout.gauge(cpuNum, cur);
            return Utilisation.hostCpu(total, idle, elapsedMillis, Double.isNaN(cpus) ? 0 : (long) cpus);
        }
    }

    /** Host memory %: used without buffers and page cache (host.summary's mem_utilisation). */
    record HostMemory(int total, int free, int buffers, int cached) implements Derived {
        static HostMemory of(ToIntFunction<String> column) {
            return new HostMemory(column.applyAsInt("mem_total"), column.applyAsInt("mem_free"),
                    column.applyAsInt("mem_buffers"), column.applyAsInt("mem_cached"));
        }

        @Override
        public String name() {
            return "mem_utilisation";
        }

        @Override
        public Class<? extends CounterRecord> record() {
            return CounterRecord.HostMemory.class;
        }

        @Override
        public double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis) {
            return Utilisation.memory(layout.gauge(total, cur), layout.gauge(free, cur), layout.gauge(buffers, cur),
                    layout.gauge(cached, cur));
        }
    }

    /** VM CPU %: CPU time over the interval and the vCPUs (virt.summary's vcpu_utilisation). */
    record VmCpu(int cpuTime, int vcpus) implements Derived {
        static VmCpu of(ToIntFunction<String> column) {
            return new VmCpu(column.applyAsInt("vcpu_cpu_time"), column.applyAsInt("vcpu_cpu_count"));
        }

        @Override
        public String name() {
            return "vcpu_utilisation";
        }

        @Override
        public Class<? extends CounterRecord> record() {
            return CounterRecord.VirtCpu.class;
        }

        @Override
        public double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis) {
            if (prev == null) {
                return Double.NaN;
            }
            double count = layout.gauge(vcpus, cur);
            return Utilisation.vmCpu(layout.step(cpuTime, prev, cur), elapsedMillis,
                    Double.isNaN(count) ? 0 : (long) count);
        }
    }

    /** VM memory %: its memory as a share of its maximum (virt.summary's vmem_utilisation). */
    record VmMemory(int memory, int maxMemory) implements Derived {
        static VmMemory of(ToIntFunction<String> column) {
            return new VmMemory(column.applyAsInt("vmem_memory"), column.applyAsInt("vmem_max_memory"));
        }

        @Override
        public String name() {
            return "vmem_utilisation";
        }

        @Override
        public Class<? extends CounterRecord> record() {
            return CounterRecord.VirtMemory.class;
        }

        @Override
        public double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis) {
            return Utilisation.percent(layout.gauge(memory, cur), layout.gauge(maxMemory, cur));
        }
    }
}
