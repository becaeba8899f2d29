package org.sflowmonitor.store;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * A measure a rollup computes from several columns of a sample (and of the sample before): the
 * utilisations the summaries give, by the same rules ({@link Utilisation}). Each is declared once
 * here: its measure name, the counter record whose time-series method shows it, and the formula
 * with the column positions it reads (resolved once per rollup layout).
 */
enum Derived {
    /** Host CPU %: the busy share of all CPU time (host.summary's cpu_utilisation). */
    HOST_CPU("cpu_utilisation", CounterRecord.HostCpu.class, column -> new HostCpu(
            Utilisation.CPU_TIMES.stream().mapToInt(column).toArray(),
            Utilisation.CPU_NOT_BUSY.stream().mapToInt(column).toArray(), column.applyAsInt("cpu_steal"),
            column.applyAsInt("cpu_num"))),
    /** Host memory %: used without buffers and page cache (host.summary's mem_utilisation). */
    HOST_MEMORY("mem_utilisation", CounterRecord.HostMemory.class, column -> new HostMemory(
            column.applyAsInt("mem_total"), column.applyAsInt("mem_free"), column.applyAsInt("mem_buffers"),
            column.applyAsInt("mem_cached"))),
    /** VM CPU %: CPU time over the interval and the vCPUs (virt.summary's vcpu_utilisation). */
    VM_CPU("vcpu_utilisation", CounterRecord.VirtCpu.class,
            column -> new VmCpu(column.applyAsInt("vcpu_cpu_time"), column.applyAsInt("vcpu_cpu_count"))),
    /** VM memory %: its memory as a share of its maximum (virt.summary's vmem_utilisation). */
    VM_MEMORY("vmem_utilisation", CounterRecord.VirtMemory.class,
            column -> new VmMemory(column.applyAsInt("vmem_memory"), column.applyAsInt("vmem_max_memory")));

    /** A derived measure's formula, with the positions of the columns it reads. */
    interface Formula {
        /**
         * The value for the values {@code cur}; NaN when there is none. {@code prev} is null or the
         * values of a sample comparable with cur, {@code elapsedMillis} before it.
         */
        double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis);
    }

    private final String measure;
    private final Class<? extends CounterRecord> record;
    private final Function<ToIntFunction<String>, Formula> formula;

    Derived(String measure, Class<? extends CounterRecord> record, Function<ToIntFunction<String>, Formula> formula) {
        this.measure = measure;
        this.record = record;
        this.formula = formula;
    }

    /** The measure's name: its rollup columns' prefix and its field in a rollup row. */
    String measure() {
        return measure;
    }

    Class<? extends CounterRecord> record() {
        return record;
    }

    /** The formula reading the columns at the positions {@code column} gives for their names. */
    Formula formula(ToIntFunction<String> column) {
        return formula.apply(column);
    }

    private record HostCpu(int[] times, int[] notBusy, int steal, int cpuNum) implements Formula {
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

    private record HostMemory(int total, int free, int buffers, int cached) implements Formula {
        @Override
        public double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis) {
            return Utilisation.memory(layout.gauge(total, cur), layout.gauge(free, cur), layout.gauge(buffers, cur),
                    layout.gauge(cached, cur));
        }
    }

    private record VmCpu(int cpuTime, int vcpus) implements Formula {
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

    private record VmMemory(int memory, int maxMemory) implements Formula {
        @Override
        public double value(RollupLayout<?> layout, long[] prev, long[] cur, long elapsedMillis) {
            return Utilisation.percent(layout.gauge(memory, cur), layout.gauge(maxMemory, cur));
        }
    }
}
