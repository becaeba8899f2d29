package org.sflowmonitor.sflow;

import java.util.List;

/** One sample_record of a datagram. */
public sealed interface Sample {

    /** sFlow enterprise number of this sample's data_format (0 for sflow.org standard samples). */
    default int enterprise() {
        return 0;
    }

    int format();

    /**
     * A counter sample, compact (format 2) or expanded (format 4). The source id is
     * split into its class (0 ifIndex, 1 VLAN, 2 physical entity, 3 logical entity) and index.
     */
    record Counters(int format, long sequenceNumber, int sourceIdType, long sourceIdIndex,
                    List<CounterRecord> records) implements Sample {
        public static final int COMPACT = 2;
        public static final int EXPANDED = 4;

        public Counters {
            records = DecodedList.immutable(records);
        }
    }

    /**
     * A flow sample, compact (format 1) or expanded (format 3); its records are kept as framing only.
     * Input and output are split into their format (0 ifIndex, 1 discard reason, 2 multiple) and value.
     */
    record Flow(int format, long sequenceNumber, int sourceIdType, long sourceIdIndex, long samplingRate,
                long samplePool, long drops, long inputFormat, long input, long outputFormat, long output,
                List<FlowRecord> records) implements Sample {
        public static final int COMPACT = 1;
        public static final int EXPANDED = 3;

        public Flow {
            records = DecodedList.immutable(records);
        }
    }

    /** A sample of a type we do not decode (e.g. format 5 discard events), skipped by its length. */
    record Unknown(int enterprise, int format, int length) implements Sample {
    }

    /** A sample whose content does not fit its declared length, or whose length runs past the datagram. */
    record Malformed(int enterprise, int format, int length, String reason) implements Sample {
    }

    /** The framing of one flow record: its data_format and length; the body is skipped. */
    record FlowRecord(int enterprise, int format, int length) {
    }
}
