package org.sflowmonitor.store;

import static org.sflowmonitor.store.SqlValues.load;
import static org.sflowmonitor.store.SqlValues.nulls;
import static org.sflowmonitor.store.SqlValues.percentage;
import static org.sflowmonitor.store.SqlValues.u32;
import static org.sflowmonitor.store.SqlValues.u64;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.sflow.CounterRecord;

/**
 * The INSERT statements of the time-series tables and how a sample fills one row. Columns are
 * listed once here; the statement text is derived from the list, and each bind method sets
 * them in the same order. A record the sample lacks leaves its columns NULL.
 */
final class SampleRows {

    static final List<String> HOST_SAMPLE = List.of("host_id", "ts",
            "cpu_load_one", "cpu_load_five", "cpu_load_fifteen", "cpu_proc_run", "cpu_proc_total", "cpu_num",
            "cpu_speed", "cpu_uptime", "cpu_user", "cpu_nice", "cpu_system", "cpu_idle", "cpu_waiting_io", "cpu_intr",
            "cpu_sintr", "cpu_interrupts", "cpu_contexts", "cpu_steal", "cpu_guest", "cpu_guest_nice",
            "mem_total", "mem_free", "mem_shared", "mem_buffers", "mem_cached", "swap_total", "swap_free",
            "page_in", "page_out", "swap_in", "swap_out",
            "disk_total", "disk_free", "part_max_used", "reads", "bytes_read", "read_time", "writes", "bytes_written",
            "write_time",
            "bytes_in", "packets_in", "errs_in", "drops_in", "bytes_out", "packets_out", "errs_out", "drops_out",
            "vnode_mhz", "vnode_cpus", "vnode_memory", "vnode_memory_free", "vnode_num_domains");

    static final List<String> HOST_MIB2_SAMPLE = List.of("host_id", "ts",
            "ip_forwarding", "ip_default_ttl", "ip_in_receives", "ip_in_hdr_errors", "ip_in_addr_errors",
            "ip_forw_datagrams", "ip_in_unknown_protos", "ip_in_discards", "ip_in_delivers", "ip_out_requests",
            "ip_out_discards", "ip_out_no_routes", "ip_reasm_timeout", "ip_reasm_reqds", "ip_reasm_oks",
            "ip_reasm_fails", "ip_frag_oks", "ip_frag_fails", "ip_frag_creates",
            "icmp_in_msgs", "icmp_in_errors", "icmp_in_dest_unreachs", "icmp_in_time_excds", "icmp_in_param_probs",
            "icmp_in_src_quenchs", "icmp_in_redirects", "icmp_in_echos", "icmp_in_echo_reps", "icmp_in_timestamps",
            "icmp_in_addr_masks", "icmp_in_addr_mask_reps", "icmp_out_msgs", "icmp_out_errors",
            "icmp_out_dest_unreachs", "icmp_out_time_excds", "icmp_out_param_probs", "icmp_out_src_quenchs",
            "icmp_out_redirects", "icmp_out_echos", "icmp_out_echo_reps", "icmp_out_timestamps",
            "icmp_out_timestamp_reps", "icmp_out_addr_masks", "icmp_out_addr_mask_reps",
            "tcp_rto_algorithm", "tcp_rto_min", "tcp_rto_max", "tcp_max_conn", "tcp_active_opens",
            "tcp_passive_opens", "tcp_attempt_fails", "tcp_estab_resets", "tcp_curr_estab", "tcp_in_segs",
            "tcp_out_segs", "tcp_retrans_segs", "tcp_in_errs", "tcp_out_rsts", "tcp_in_csum_errors",
            "udp_in_datagrams", "udp_no_ports", "udp_in_errors", "udp_out_datagrams", "udp_rcvbuf_errors",
            "udp_sndbuf_errors", "udp_in_csum_errors");

    static final List<String> VM_SAMPLE = List.of("vm_id", "host_id", "ts",
            "vcpu_state", "vcpu_cpu_time", "vcpu_cpu_count", "vmem_memory", "vmem_max_memory",
            "vdsk_capacity", "vdsk_allocation", "vdsk_available", "vdsk_rd_req", "vdsk_rd_bytes", "vdsk_wr_req",
            "vdsk_wr_bytes", "vdsk_errs",
            "vnio_bytes_in", "vnio_packets_in", "vnio_errs_in", "vnio_drops_in", "vnio_bytes_out", "vnio_packets_out",
            "vnio_errs_out", "vnio_drops_out");

    static final List<String> INTERFACE_SAMPLE = List.of("host_id", "if_index", "ts", "port_name",
            "if_type", "if_speed", "if_direction", "if_status", "if_in_octets", "if_in_ucast_pkts",
            "if_in_multicast_pkts", "if_in_broadcast_pkts", "if_in_discards", "if_in_errors", "if_in_unknown_protos",
            "if_out_octets", "if_out_ucast_pkts", "if_out_multicast_pkts", "if_out_broadcast_pkts", "if_out_discards",
            "if_out_errors", "if_promiscuous_mode",
            "dot3_stats_alignment_errors", "dot3_stats_fcs_errors", "dot3_stats_single_collision_frames",
            "dot3_stats_multiple_collision_frames", "dot3_stats_sqe_test_errors", "dot3_stats_deferred_transmissions",
            "dot3_stats_late_collisions", "dot3_stats_excessive_collisions",
            "dot3_stats_internal_mac_transmit_errors", "dot3_stats_carrier_sense_errors",
            "dot3_stats_frame_too_longs", "dot3_stats_internal_mac_receive_errors", "dot3_stats_symbol_errors");

    static final String INSERT_HOST_SAMPLE = insert("host_sample", HOST_SAMPLE);
    static final String INSERT_HOST_MIB2_SAMPLE = insert("host_mib2_sample", HOST_MIB2_SAMPLE);
    static final String INSERT_VM_SAMPLE = insert("vm_sample", VM_SAMPLE);
    static final String INSERT_INTERFACE_SAMPLE = insert("interface_sample", INTERFACE_SAMPLE);

    private SampleRows() {
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }

    static boolean hasHostRow(EntitySample.NodeSample s) {
        return s.cpu() != null || s.memory() != null || s.disk() != null || s.net() != null || s.virtNode() != null;
    }

    static boolean hasVmRow(EntitySample.VmSample s) {
        return s.cpu() != null || s.memory() != null || s.disk() != null || s.net() != null;
    }

    static boolean hasMib2Row(EntitySample.NodeSample s) {
        return s.ip() != null || s.icmp() != null || s.tcp() != null || s.udp() != null;
    }

    static void bindHost(PreparedStatement ps, long hostId, EntitySample.NodeSample s) throws SQLException {
        ps.setLong(1, hostId);
        ps.setLong(2, s.receivedAt());
        CounterRecord.HostCpu c = s.cpu();
        if (c != null) {
            load(ps, 3, c.loadOne());
            load(ps, 4, c.loadFive());
            load(ps, 5, c.loadFifteen());
            long[] values = {c.procRun(), c.procTotal(), c.cpuNum(), c.cpuSpeed(), c.uptime(), c.cpuUser(),
                    c.cpuNice(), c.cpuSystem(), c.cpuIdle(), c.cpuWio(), c.cpuIntr(), c.cpuSintr(), c.interrupts(),
                    c.contexts()};
            for (int i = 0; i < values.length; i++) {
                u32(ps, 6 + i, values[i]);
            }
            u32(ps, 20, c.cpuSteal());
            u32(ps, 21, c.cpuGuest());
            u32(ps, 22, c.cpuGuestNice());
        } else {
            nulls(ps, 3, 3, Types.REAL);
            nulls(ps, 6, 17, Types.BIGINT);
        }
        CounterRecord.HostMemory m = s.memory();
        if (m != null) {
            u64(ps, 23, m.memTotal());
            u64(ps, 24, m.memFree());
            u64(ps, 25, m.memShared());
            u64(ps, 26, m.memBuffers());
            u64(ps, 27, m.memCached());
            u64(ps, 28, m.swapTotal());
            u64(ps, 29, m.swapFree());
            u32(ps, 30, m.pageIn());
            u32(ps, 31, m.pageOut());
            u32(ps, 32, m.swapIn());
            u32(ps, 33, m.swapOut());
        } else {
            nulls(ps, 23, 7, Types.NUMERIC);
            nulls(ps, 30, 4, Types.BIGINT);
        }
        CounterRecord.HostDiskIo d = s.disk();
        if (d != null) {
            u64(ps, 34, d.diskTotal());
            u64(ps, 35, d.diskFree());
            percentage(ps, 36, d.partMaxUsed());
            u32(ps, 37, d.reads());
            u64(ps, 38, d.bytesRead());
            u32(ps, 39, d.readTime());
            u32(ps, 40, d.writes());
            u64(ps, 41, d.bytesWritten());
            u32(ps, 42, d.writeTime());
        } else {
            nulls(ps, 34, 2, Types.NUMERIC);
            ps.setNull(36, Types.INTEGER);
            ps.setNull(37, Types.BIGINT);
            ps.setNull(38, Types.NUMERIC);
            nulls(ps, 39, 2, Types.BIGINT);
            ps.setNull(41, Types.NUMERIC);
            ps.setNull(42, Types.BIGINT);
        }
        CounterRecord.HostNetIo n = s.net();
        if (n != null) {
            bindNetIo(ps, 43, n.bytesIn(), n.pktsIn(), n.errsIn(), n.dropsIn(), n.bytesOut(), n.pktsOut(),
                    n.errsOut(), n.dropsOut());
        } else {
            nullNetIo(ps, 43);
        }
        CounterRecord.VirtNode v = s.virtNode();
        if (v != null) {
            u32(ps, 51, v.mhz());
            u32(ps, 52, v.cpus());
            u64(ps, 53, v.memory());
            u64(ps, 54, v.memoryFree());
            u32(ps, 55, v.numDomains());
        } else {
            nulls(ps, 51, 2, Types.BIGINT);
            nulls(ps, 53, 2, Types.NUMERIC);
            ps.setNull(55, Types.BIGINT);
        }
    }

    static void bindMib2(PreparedStatement ps, long hostId, EntitySample.NodeSample s) throws SQLException {
        ps.setLong(1, hostId);
        ps.setLong(2, s.receivedAt());
        int at = 3;
        at = bindAll(ps, at, 19, s.ip() == null ? null : new long[] {s.ip().ipForwarding(), s.ip().ipDefaultTtl(),
                s.ip().ipInReceives(), s.ip().ipInHdrErrors(), s.ip().ipInAddrErrors(), s.ip().ipForwDatagrams(),
                s.ip().ipInUnknownProtos(), s.ip().ipInDiscards(), s.ip().ipInDelivers(), s.ip().ipOutRequests(),
                s.ip().ipOutDiscards(), s.ip().ipOutNoRoutes(), s.ip().ipReasmTimeout(), s.ip().ipReasmReqds(),
                s.ip().ipReasmOks(), s.ip().ipReasmFails(), s.ip().ipFragOks(), s.ip().ipFragFails(),
                s.ip().ipFragCreates()});
        CounterRecord.MibIcmp i = s.icmp();
        at = bindAll(ps, at, 25, i == null ? null : new long[] {i.icmpInMsgs(), i.icmpInErrors(),
                i.icmpInDestUnreachs(), i.icmpInTimeExcds(), i.icmpInParamProbs(), i.icmpInSrcQuenchs(),
                i.icmpInRedirects(), i.icmpInEchos(), i.icmpInEchoReps(), i.icmpInTimestamps(), i.icmpInAddrMasks(),
                i.icmpInAddrMaskReps(), i.icmpOutMsgs(), i.icmpOutErrors(), i.icmpOutDestUnreachs(),
                i.icmpOutTimeExcds(), i.icmpOutParamProbs(), i.icmpOutSrcQuenchs(), i.icmpOutRedirects(),
                i.icmpOutEchos(), i.icmpOutEchoReps(), i.icmpOutTimestamps(), i.icmpOutTimestampReps(),
                i.icmpOutAddrMasks(), i.icmpOutAddrMaskReps()});
        CounterRecord.MibTcp t = s.tcp();
        at = bindAll(ps, at, 15, t == null ? null : new long[] {t.tcpRtoAlgorithm(), t.tcpRtoMin(), t.tcpRtoMax(),
                t.tcpMaxConn(), t.tcpActiveOpens(), t.tcpPassiveOpens(), t.tcpAttemptFails(), t.tcpEstabResets(),
                t.tcpCurrEstab(), t.tcpInSegs(), t.tcpOutSegs(), t.tcpRetransSegs(), t.tcpInErrs(), t.tcpOutRsts(),
                t.tcpInCsumErrors()});
        CounterRecord.MibUdp u = s.udp();
        bindAll(ps, at, 7, u == null ? null : new long[] {u.udpInDatagrams(), u.udpNoPorts(), u.udpInErrors(),
                u.udpOutDatagrams(), u.udpRcvbufErrors(), u.udpSndbufErrors(), u.udpInCsumErrors()});
    }

    static void bindVm(PreparedStatement ps, long vmId, long hostId, EntitySample.VmSample s) throws SQLException {
        ps.setLong(1, vmId);
        ps.setLong(2, hostId);
        ps.setLong(3, s.receivedAt());
        CounterRecord.VirtCpu c = s.cpu();
        bindAll(ps, 4, 3, c == null ? null : new long[] {c.state(), c.cpuTime(), c.nrVirtCpu()});
        CounterRecord.VirtMemory m = s.memory();
        if (m != null) {
            u64(ps, 7, m.memory());
            u64(ps, 8, m.maxMemory());
        } else {
            nulls(ps, 7, 2, Types.NUMERIC);
        }
        CounterRecord.VirtDiskIo d = s.disk();
        if (d != null) {
            u64(ps, 9, d.capacity());
            u64(ps, 10, d.allocation());
            u64(ps, 11, d.available());
            u32(ps, 12, d.rdReq());
            u64(ps, 13, d.rdBytes());
            u32(ps, 14, d.wrReq());
            u64(ps, 15, d.wrBytes());
            u32(ps, 16, d.errs());
        } else {
            nulls(ps, 9, 3, Types.NUMERIC);
            ps.setNull(12, Types.BIGINT);
            ps.setNull(13, Types.NUMERIC);
            ps.setNull(14, Types.BIGINT);
            ps.setNull(15, Types.NUMERIC);
            ps.setNull(16, Types.BIGINT);
        }
        CounterRecord.VirtNetIo n = s.net();
        if (n != null) {
            bindNetIo(ps, 17, n.rxBytes(), n.rxPackets(), n.rxErrs(), n.rxDrop(), n.txBytes(), n.txPackets(),
                    n.txErrs(), n.txDrop());
        } else {
            nullNetIo(ps, 17);
        }
    }

    static void bindInterface(PreparedStatement ps, long hostId, EntitySample.InterfaceSample s)
            throws SQLException {
        ps.setLong(1, hostId);
        ps.setLong(2, s.ifIndex());
        ps.setLong(3, s.receivedAt());
        SqlValues.text(ps, 4, SqlValues.text(s.portName(), 255));
        CounterRecord.IfCounters c = s.counters();
        if (c != null) {
            u32(ps, 5, c.ifType());
            u64(ps, 6, c.ifSpeed());
            u32(ps, 7, c.ifDirection());
            u32(ps, 8, c.ifStatus());
            u64(ps, 9, c.ifInOctets());
            bindAll(ps, 10, 6, new long[] {c.ifInUcastPkts(), c.ifInMulticastPkts(), c.ifInBroadcastPkts(),
                    c.ifInDiscards(), c.ifInErrors(), c.ifInUnknownProtos()});
            u64(ps, 16, c.ifOutOctets());
            bindAll(ps, 17, 6, new long[] {c.ifOutUcastPkts(), c.ifOutMulticastPkts(), c.ifOutBroadcastPkts(),
                    c.ifOutDiscards(), c.ifOutErrors(), c.ifPromiscuousMode()});
        } else {
            nulls(ps, 5, 1, Types.BIGINT);
            ps.setNull(6, Types.NUMERIC);
            nulls(ps, 7, 2, Types.BIGINT);
            ps.setNull(9, Types.NUMERIC);
            nulls(ps, 10, 6, Types.BIGINT);
            ps.setNull(16, Types.NUMERIC);
            nulls(ps, 17, 6, Types.BIGINT);
        }
        CounterRecord.EthernetCounters e = s.ethernet();
        bindAll(ps, 23, 13, e == null ? null : new long[] {e.dot3StatsAlignmentErrors(), e.dot3StatsFcsErrors(),
                e.dot3StatsSingleCollisionFrames(), e.dot3StatsMultipleCollisionFrames(), e.dot3StatsSqeTestErrors(),
                e.dot3StatsDeferredTransmissions(), e.dot3StatsLateCollisions(), e.dot3StatsExcessiveCollisions(),
                e.dot3StatsInternalMacTransmitErrors(), e.dot3StatsCarrierSenseErrors(), e.dot3StatsFrameTooLongs(),
                e.dot3StatsInternalMacReceiveErrors(), e.dot3StatsSymbolErrors()});
    }

    private static void bindNetIo(PreparedStatement ps, int at, long bytesIn, long pktsIn, long errsIn,
                                  long dropsIn, long bytesOut, long pktsOut, long errsOut, long dropsOut)
            throws SQLException {
        u64(ps, at, bytesIn);
        u32(ps, at + 1, pktsIn);
        u32(ps, at + 2, errsIn);
        u32(ps, at + 3, dropsIn);
        u64(ps, at + 4, bytesOut);
        u32(ps, at + 5, pktsOut);
        u32(ps, at + 6, errsOut);
        u32(ps, at + 7, dropsOut);
    }

    private static void nullNetIo(PreparedStatement ps, int at) throws SQLException {
        ps.setNull(at, Types.NUMERIC);
        nulls(ps, at + 1, 3, Types.BIGINT);
        ps.setNull(at + 4, Types.NUMERIC);
        nulls(ps, at + 5, 3, Types.BIGINT);
    }

    /** Binds unsigned 32-bit values (or NULLs when {@code values} is null); returns the next index. */
    private static int bindAll(PreparedStatement ps, int at, int count, long[] values) throws SQLException {
        for (int i = 0; i < count; i++) {
            if (values == null) {
                ps.setNull(at + i, Types.BIGINT);
            } else {
                u32(ps, at + i, values[i]);
            }
        }
        return at + count;
    }
}
