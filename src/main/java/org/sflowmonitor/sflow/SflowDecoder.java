package org.sflowmonitor.sflow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Decodes sFlow v5 datagrams. Every sample and record is read inside its declared length:
 * a record that does not fit becomes {@link CounterRecord.Malformed}, a sample that does not
 * fit becomes {@link Sample.Malformed}, and decoding goes on at the next declared boundary.
 * Only a datagram whose header cannot be read raises {@link SflowDecodeException}.
 * Stateless and thread-safe.
 */
public final class SflowDecoder {

    public static final SflowDecoder DEFAULT = new SflowDecoder();

    /** Bytes of a sample_record or counter_record framing: data_format and length. */
    private static final int FRAMING = 8;

    private final CounterRecordDecoder records = new CounterRecordDecoder();
    /** The bodies' readers, made once rather than a method reference per sample and record. */
    private final Body<Sample> sampleBodies = this::sampleBody;
    private final Body<CounterRecord> recordBodies = records::decode;

    /**
     * Decodes the bytes between the buffer's position and limit (neither is changed).
     *
     * @param sender     the UDP source, or null when not known
     * @param receivedAt the receive time, epoch milliseconds
     */
    public SflowDatagram decode(ByteBuffer data, InetSocketAddress sender, long receivedAt)
            throws SflowDecodeException {
        XdrReader in = new XdrReader(data);
        int size = in.remaining();
        InetAddress agent = null;
        try {
            int version = in.readInt();
            if (version != SflowDatagram.VERSION) {
                throw new SflowDecodeException("version " + Integer.toUnsignedString(version)
                        + " is not sFlow version 5", null, sender);
            }
            agent = in.readAddress();
            long subAgentId = in.readUnsignedInt();
            long sequence = in.readUnsignedInt();
            long uptime = in.readUnsignedInt();
            long sampleCount = in.readUnsignedInt();
            if (sampleCount > in.remaining() / FRAMING) {
                throw new SflowDecodeException(sampleCount + " samples declared but only " + in.remaining()
                        + " bytes follow the header", agent, sender);
            }
            DecodedList<Sample> samples = new DecodedList<>((int) sampleCount);
            for (int i = 0; i < sampleCount; i++) {
                if (!readSample(in, samples)) {
                    break;
                }
            }
            return new SflowDatagram(agent, subAgentId, sequence, uptime, sender, receivedAt, samples);
        } catch (XdrReader.Underflow e) {
            throw new SflowDecodeException("truncated header: the datagram has only " + size + " bytes",
                    agent, sender);
        } catch (XdrReader.IllegalAddressType e) {
            throw new SflowDecodeException("agent " + e.getMessage(), null, sender);
        }
    }

    /** Reads one sample into {@code out}; false when the datagram cannot go on past it. */
    private boolean readSample(XdrReader in, DecodedList<Sample> out) {
        return readFramed(in, out, Sample.Malformed::new, "sample", "", "datagram", sampleBodies);
    }

    /** A sample's body, read within its length. */
    private Sample sampleBody(XdrReader in, int enterprise, int format, int length) {
        try {
            return enterprise != 0 ? new Sample.Unknown(enterprise, format, length) : switch (format) {
                case Sample.Counters.COMPACT, Sample.Counters.EXPANDED, Sample.Flow.COMPACT, Sample.Flow.EXPANDED ->
                        readCountersOrFlow(in, format, length);
                default -> new Sample.Unknown(enterprise, format, length);
            };
        } catch (XdrReader.Underflow e) {
            return new Sample.Malformed(enterprise, format, length,
                    "sample content runs past its length of " + length + " bytes");
        }
    }

    /**
     * Reads the sequence number and source id that counter and flow samples share, then the rest
     * of the sample. The compact forms pack the source id in one word, the expanded forms use two.
     */
    private Sample readCountersOrFlow(XdrReader in, int format, int length) {
        boolean compact = format == Sample.Counters.COMPACT || format == Sample.Flow.COMPACT;
        long sequence = in.readUnsignedInt();
        int sourceType;
        long sourceIndex;
        if (compact) {
            int sourceId = in.readInt();
            sourceType = sourceId >>> 24;
            sourceIndex = sourceId & 0xFF_FFFF;
        } else {
            sourceType = in.readInt();
            sourceIndex = in.readUnsignedInt();
        }
        return format == Sample.Counters.COMPACT || format == Sample.Counters.EXPANDED
                ? readCounters(in, format, length, sequence, sourceType, sourceIndex)
                : readFlow(in, format, length, compact, sequence, sourceType, sourceIndex);
    }

    private Sample readCounters(XdrReader in, int format, int length, long sequence, int sourceType,
                                long sourceIndex) {
        long recordCount = in.readUnsignedInt();
        if (!recordsCanFit(in, recordCount)) {
            return tooManyRecords(in, format, length, recordCount, "counter");
        }
        DecodedList<CounterRecord> list = new DecodedList<>((int) recordCount);
        for (int i = 0; i < recordCount; i++) {
            if (!readCounterRecord(in, list)) {
                break;
            }
        }
        return new Sample.Counters(format, sequence, sourceType, sourceIndex, list);
    }

    private boolean readCounterRecord(XdrReader in, DecodedList<CounterRecord> out) {
        return readFramed(in, out, CounterRecord.Malformed::new, "record", " in the sample", "sample",
                recordBodies);
    }

    /** Reads the body of a sample or a record whose framing has been read. */
    private interface Body<T> {
        T read(XdrReader in, int enterprise, int format, int length);
    }

    /**
     * Reads one sample or record into {@code out}: its framing, then its body with the reader's
     * end narrowed to the declared length, then on past the padding to the next item; false when
     * the framing could not be read, so the container cannot go on past it.
     */
    private static <T> boolean readFramed(XdrReader in, DecodedList<T> out, MalformedOf<T> malformed, String item,
                                          String truncatedWhere, String container, Body<T> body) {
        long framing = readFraming(in, out, malformed, item, truncatedWhere, container);
        if (framing == NO_FRAMING) {
            return false;
        }
        int length = (int) framing;
        int end = in.position() + length;
        int outerEnd = in.narrowEnd(end);
        out.append(body.read(in, enterprise(framing), format(framing), length));
        // opaque data<> is padded to 4 bytes; tolerate an unpadded last item
        in.restoreEnd(outerEnd, Math.min(end + ((4 - (length & 3)) & 3), outerEnd));
        return true;
    }

    /** Builds the Malformed variant of a sample or a record. */
    private interface MalformedOf<T> {
        T of(int enterprise, int format, int length, String reason);
    }

    /** What {@link #readFraming} returns when the item cannot be read; a valid length is never -1. */
    private static final long NO_FRAMING = -1;

    /**
     * Reads the data_format and length that start every sample and record, packed as
     * (data_format << 32 | length); {@link #NO_FRAMING} after appending why the rest of
     * the container cannot be read.
     */
    private static <T> long readFraming(XdrReader in, DecodedList<T> out, MalformedOf<T> malformed, String item,
                                        String truncatedWhere, String container) {
        if (in.remaining() < FRAMING) {
            out.append(malformed.of(0, 0, 0,
                    item + " framing truncated: " + in.remaining() + " bytes left" + truncatedWhere));
            return NO_FRAMING;
        }
        int tag = in.readInt();
        int length = in.readInt();
        if (length < 0 || length > in.remaining()) {
            out.append(malformed.of(tag >>> 12, tag & 0xFFF, length, item + " length "
                    + Integer.toUnsignedString(length) + " runs past the " + container + "'s end ("
                    + in.remaining() + " bytes left)"));
            return NO_FRAMING;
        }
        return ((long) tag << 32) | length;
    }

    private static int enterprise(long framing) {
        return (int) (framing >>> 32) >>> 12;
    }

    private static int format(long framing) {
        return (int) (framing >>> 32) & 0xFFF;
    }

    private Sample readFlow(XdrReader in, int format, int length, boolean compact, long sequence, int sourceType,
                            long sourceIndex) {
        long samplingRate = in.readUnsignedInt();
        long samplePool = in.readUnsignedInt();
        long drops = in.readUnsignedInt();
        long inputFormat;
        long input;
        long outputFormat;
        long output;
        if (compact) {
            int rawIn = in.readInt();
            int rawOut = in.readInt();
            inputFormat = rawIn >>> 30;
            input = rawIn & 0x3FFF_FFFF;
            outputFormat = rawOut >>> 30;
            output = rawOut & 0x3FFF_FFFF;
        } else {
            inputFormat = in.readUnsignedInt();
            input = in.readUnsignedInt();
            outputFormat = in.readUnsignedInt();
            output = in.readUnsignedInt();
        }
        long recordCount = in.readUnsignedInt();
        if (!recordsCanFit(in, recordCount)) {
            return tooManyRecords(in, format, length, recordCount, "flow");
        }
        DecodedList<Sample.FlowRecord> list = new DecodedList<>((int) recordCount);
        for (int i = 0; i < recordCount; i++) {
            int tag = in.readInt();
            int recordLength = in.readInt();
            if (recordLength < 0 || recordLength > in.remaining()) {
                return new Sample.Malformed(0, format, length, "flow record " + (i + 1) + " of length "
                        + Integer.toUnsignedString(recordLength) + " runs past the sample's end ("
                        + in.remaining() + " bytes left)");
            }
            in.skip(Math.min(recordLength + ((4 - (recordLength & 3)) & 3), in.remaining()));
            list.append(new Sample.FlowRecord(tag >>> 12, tag & 0xFFF, recordLength));
        }
        return new Sample.Flow(format, sequence, sourceType, sourceIndex, samplingRate, samplePool, drops,
                inputFormat, input, outputFormat, output, list);
    }

    /** False when fewer than {@code count} record framings fit in what is left of the sample. */
    private static boolean recordsCanFit(XdrReader in, long count) {
        return count <= in.remaining() / FRAMING;
    }

    private static Sample.Malformed tooManyRecords(XdrReader in, int format, int length, long count, String kind) {
        return new Sample.Malformed(0, format, length, count + " " + kind + " records declared but only "
                + in.remaining() + " bytes are left in the sample");
    }
}
