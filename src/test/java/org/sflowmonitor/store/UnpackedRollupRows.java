package org.sflowmonitor.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollup rows read with SQL, their packed {@code measures} column turned back into a value per
 * measure and part as tests name them ({@code vmem_memory_min}, …{@code _max}, {@code _sum},
 * {@code _n}; min, max and sum null without values), in the place of the packed column.
 */
final class UnpackedRollupRows {

    private UnpackedRollupRows() {
    }

    static List<Map<String, Object>> of(RollupLayout<?> layout, List<Map<String, Object>> rows) {
        return rows.stream().map(r -> unpack(layout, r)).toList();
    }

    private static Map<String, Object> unpack(RollupLayout<?> layout, Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (!column.equals(RollupLayout.MEASURES)) {
                out.put(column, value);
                return;
            }
            byte[] packed = (byte[]) value;
            List<String> measures = layout.measures();
            for (int i = 0; i < measures.size(); i++) {
                int n = PackedMeasures.count(packed, i);
                out.put(measures.get(i) + "_min", n == 0 ? null : PackedMeasures.min(packed, i));
                out.put(measures.get(i) + "_max", n == 0 ? null : PackedMeasures.max(packed, i));
                out.put(measures.get(i) + "_sum", n == 0 ? null : PackedMeasures.sum(packed, i));
                out.put(measures.get(i) + "_n", n);
            }
        });
        return out;
    }
}
