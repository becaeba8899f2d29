package org.sflowmonitor.sflow;

import org.sflowmonitor.sflow.CounterRecord.*;

/**
 * Decodes the body of one counter record. The reader's end mark is the record's declared
 * end: a record longer than the layout we know is decoded for the known part; one shorter
 * than its fixed part, or whose string or count runs past its end, becomes {@link Malformed}.
 */
final class CounterRecordDecoder {

    CounterRecord decode(XdrReader in, int enterprise, int format, int length) {
        if (enterprise != 0) {
            return new Unknown(enterprise, format, length);
        }
        int fixed = fixedSize(format);
        if (fixed < 0) {
            return new Unknown(enterprise, format, length);
        }
        if (length < fixed) {
            return new Malformed(enterprise, format, length, "length " + length + " is shorter than the "
                    + fixed + " bytes of " + RecordNames.counterRecordName(format));
        }
        try {
            return decodeKnown(in, format, length);
        } catch (XdrReader.Underflow e) {
            return new Malformed(enterprise, format, length, "a string or count in "
                    + RecordNames.counterRecordName(format) + " runs past the record's " + length + " bytes");
        }
    }

    /** The size of a format's fixed part (the minimum legal length), or -1 for formats we do not decode. */
    static int fixedSize(int format) {
        return switch (format) {
            case IfCounters.FORMAT -> 88;
            case EthernetCounters.FORMAT -> 52;
            case VlanCounters.FORMAT -> 28;
            case Processor.FORMAT -> 28;
            case PortName.FORMAT -> 4;
            case HostDescr.FORMAT -> 32;
            case HostAdapters.FORMAT -> 4;
            case HostParent.FORMAT -> 8;
            case HostCpu.FORMAT -> 68;
            case HostMemory.FORMAT -> 72;
            case HostDiskIo.FORMAT -> 52;
            case HostNetIo.FORMAT -> 40;
            case MibIp.FORMAT -> 76;
            case MibIcmp.FORMAT -> 100;
            case MibTcp.FORMAT -> 60;
            case MibUdp.FORMAT -> 28;
            case VirtNode.FORMAT -> 28;
            case VirtCpu.FORMAT -> 12;
            case VirtMemory.FORMAT -> 16;
            case VirtDiskIo.FORMAT -> 52;
            case VirtNetIo.FORMAT -> 40;
            default -> -1;
        };
    }

    private static final int HOST_CPU_WITH_STEAL = 80;

    private CounterRecord decodeKnown(XdrReader in, int format, int length) {
        return switch (format) {
            case IfCounters.FORMAT -> new IfCounters(in.readUnsignedInt(), in.readUnsignedInt(), in.readLong(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case EthernetCounters.FORMAT -> new EthernetCounters(in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case VlanCounters.FORMAT -> new VlanCounters(in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case Processor.FORMAT -> new Processor(in.readInt(), in.readInt(), in.readInt(), in.readLong(),
                    in.readLong());
            case PortName.FORMAT -> new PortName(in.readString());
            case HostDescr.FORMAT -> new HostDescr(in.readString(), in.readUuid(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readString());
            case HostAdapters.FORMAT -> readAdapters(in);
            case HostParent.FORMAT -> new HostParent(in.readUnsignedInt(), in.readUnsignedInt());
            case HostCpu.FORMAT -> readHostCpu(in, length);
            case HostMemory.FORMAT -> new HostMemory(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt());
            case HostDiskIo.FORMAT -> new HostDiskIo(in.readLong(), in.readLong(), in.readInt(),
                    in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(), in.readLong(),
                    in.readUnsignedInt());
            case HostNetIo.FORMAT -> new HostNetIo(in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt());
            case MibIp.FORMAT -> new MibIp(in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case MibIcmp.FORMAT -> new MibIcmp(in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt());
            case MibTcp.FORMAT -> new MibTcp(in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case MibUdp.FORMAT -> new MibUdp(in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case VirtNode.FORMAT -> new VirtNode(in.readUnsignedInt(), in.readUnsignedInt(), in.readLong(),
                    in.readLong(), in.readUnsignedInt());
            case VirtCpu.FORMAT -> new VirtCpu(in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt());
            case VirtMemory.FORMAT -> new VirtMemory(in.readLong(), in.readLong());
            case VirtDiskIo.FORMAT -> new VirtDiskIo(in.readLong(), in.readLong(), in.readLong(),
                    in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(), in.readLong(), in.readUnsignedInt());
            case VirtNetIo.FORMAT -> new VirtNetIo(in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                    in.readUnsignedInt());
            default -> throw new IllegalStateException("fixedSize() and decodeKnown() disagree on " + format);
        };
    }

    private static HostCpu readHostCpu(XdrReader in, int length) {
        float loadOne = in.readFloat();
        float loadFive = in.readFloat();
        float loadFifteen = in.readFloat();
        long procRun = in.readUnsignedInt();
        long procTotal = in.readUnsignedInt();
        long cpuNum = in.readUnsignedInt();
        long cpuSpeed = in.readUnsignedInt();
        long uptime = in.readUnsignedInt();
        long user = in.readUnsignedInt();
        long nice = in.readUnsignedInt();
        long system = in.readUnsignedInt();
        long idle = in.readUnsignedInt();
        long wio = in.readUnsignedInt();
        long intr = in.readUnsignedInt();
        long sintr = in.readUnsignedInt();
        long interrupts = in.readUnsignedInt();
        long contexts = in.readUnsignedInt();
        Long steal = null;
        Long guest = null;
        Long guestNice = null;
        if (length >= HOST_CPU_WITH_STEAL) {
            steal = in.readUnsignedInt();
            guest = in.readUnsignedInt();
            guestNice = in.readUnsignedInt();
        }
        return new HostCpu(loadOne, loadFive, loadFifteen, procRun, procTotal, cpuNum, cpuSpeed, uptime, user, nice,
                system, idle, wio, intr, sintr, interrupts, contexts, steal, guest, guestNice);
    }

    private static HostAdapters readAdapters(XdrReader in) {
        long count = in.readUnsignedInt();
        if (count > in.remaining() / 8) {
            throw XdrReader.Underflow.INSTANCE;
        }
        DecodedList<HostAdapter> adapters = new DecodedList<>((int) count);
        for (int i = 0; i < count; i++) {
            long ifIndex = in.readUnsignedInt();
            long macCount = in.readUnsignedInt();
            if (macCount > in.remaining() / 8) {
                throw XdrReader.Underflow.INSTANCE;
            }
            DecodedList<MacAddress> macs = new DecodedList<>((int) macCount);
            for (int m = 0; m < macCount; m++) {
                macs.append(in.readMac());
            }
            adapters.append(new HostAdapter(ifIndex, macs));
        }
        return new HostAdapters(adapters);
    }
}
