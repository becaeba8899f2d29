package org.sflowmonitor.store;

import static org.sflowmonitor.store.Column.c32;
import static org.sflowmonitor.store.Column.c64;
import static org.sflowmonitor.store.Column.key;
import static org.sflowmonitor.store.Column.load;
import static org.sflowmonitor.store.Column.percentage;
import static org.sflowmonitor.store.Column.text;
import static org.sflowmonitor.store.Column.u32;
import static org.sflowmonitor.store.Column.u64;

import java.util.List;

import org.sflowmonitor.ingest.EntitySample.InterfaceSample;
import org.sflowmonitor.ingest.EntitySample.NodeSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.sflow.CounterRecord.EthernetCounters;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostDiskIo;
import org.sflowmonitor.sflow.CounterRecord.HostMemory;
import org.sflowmonitor.sflow.CounterRecord.HostNetIo;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.MibIcmp;
import org.sflowmonitor.sflow.CounterRecord.MibIp;
import org.sflowmonitor.sflow.CounterRecord.MibTcp;
import org.sflowmonitor.sflow.CounterRecord.MibUdp;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.sflow.CounterRecord.VirtNode;

/**
 * The time-series tables, one declaration each: which sample record fills which column, of
 * which kind (a counter, c32 or c64, or a gauge, u32 or u64, as reference section 4 types it). A new counter is one line in its group (and its column in the migration).
 */
final class SampleRows {

    static final SampleLayout<NodeSample> HOST_SAMPLE = new SampleLayout<>("host_sample", List.of("host_id"),
            List.of(key("ts", NodeSample::receivedAt)), List.of(
            ColumnGroup.of(HostCpu.class, NodeSample::cpu,
                    load("cpu_load_one", HostCpu::loadOne),
                    load("cpu_load_five", HostCpu::loadFive),
                    load("cpu_load_fifteen", HostCpu::loadFifteen),
                    u32("cpu_proc_run", HostCpu::procRun),
                    u32("cpu_proc_total", HostCpu::procTotal),
                    u32("cpu_num", HostCpu::cpuNum),
                    u32("cpu_speed", HostCpu::cpuSpeed),
                    u32("cpu_uptime", HostCpu::uptime),
                    c32("cpu_user", HostCpu::cpuUser),
                    c32("cpu_nice", HostCpu::cpuNice),
                    c32("cpu_system", HostCpu::cpuSystem),
                    c32("cpu_idle", HostCpu::cpuIdle),
                    c32("cpu_waiting_io", HostCpu::cpuWio),
                    c32("cpu_intr", HostCpu::cpuIntr),
                    c32("cpu_sintr", HostCpu::cpuSintr),
                    c32("cpu_interrupts", HostCpu::interrupts),
                    c32("cpu_contexts", HostCpu::contexts),
                    c32("cpu_steal", c -> orUnknown(c.cpuSteal())),
                    c32("cpu_guest", c -> orUnknown(c.cpuGuest())),
                    c32("cpu_guest_nice", c -> orUnknown(c.cpuGuestNice()))),
            ColumnGroup.of(HostMemory.class, NodeSample::memory,
                    u64("mem_total", HostMemory::memTotal),
                    u64("mem_free", HostMemory::memFree),
                    u64("mem_shared", HostMemory::memShared),
                    u64("mem_buffers", HostMemory::memBuffers),
                    u64("mem_cached", HostMemory::memCached),
                    u64("swap_total", HostMemory::swapTotal),
                    u64("swap_free", HostMemory::swapFree),
                    c32("page_in", HostMemory::pageIn),
                    c32("page_out", HostMemory::pageOut),
                    c32("swap_in", HostMemory::swapIn),
                    c32("swap_out", HostMemory::swapOut)),
            ColumnGroup.of(HostDiskIo.class, NodeSample::disk,
                    u64("disk_total", HostDiskIo::diskTotal),
                    u64("disk_free", HostDiskIo::diskFree),
                    percentage("part_max_used", HostDiskIo::partMaxUsed),
                    c32("reads", HostDiskIo::reads),
                    c64("bytes_read", HostDiskIo::bytesRead),
                    c32("read_time", HostDiskIo::readTime),
                    c32("writes", HostDiskIo::writes),
                    c64("bytes_written", HostDiskIo::bytesWritten),
                    c32("write_time", HostDiskIo::writeTime)),
            ColumnGroup.of(HostNetIo.class, NodeSample::net,
                    c64("bytes_in", HostNetIo::bytesIn),
                    c32("packets_in", HostNetIo::pktsIn),
                    c32("errs_in", HostNetIo::errsIn),
                    c32("drops_in", HostNetIo::dropsIn),
                    c64("bytes_out", HostNetIo::bytesOut),
                    c32("packets_out", HostNetIo::pktsOut),
                    c32("errs_out", HostNetIo::errsOut),
                    c32("drops_out", HostNetIo::dropsOut)),
            ColumnGroup.of(VirtNode.class, NodeSample::virtNode,
                    u32("vnode_mhz", VirtNode::mhz),
                    u32("vnode_cpus", VirtNode::cpus),
                    u64("vnode_memory", VirtNode::memory),
                    u64("vnode_memory_free", VirtNode::memoryFree),
                    u32("vnode_num_domains", VirtNode::numDomains))));

    static final SampleLayout<NodeSample> HOST_MIB2_SAMPLE = new SampleLayout<>("host_mib2_sample",
            List.of("host_id"), List.of(key("ts", NodeSample::receivedAt)), List.of(
            ColumnGroup.of(MibIp.class, NodeSample::ip,
                    u32("ip_forwarding", MibIp::ipForwarding),
                    u32("ip_default_ttl", MibIp::ipDefaultTtl),
                    c32("ip_in_receives", MibIp::ipInReceives),
                    c32("ip_in_hdr_errors", MibIp::ipInHdrErrors),
                    c32("ip_in_addr_errors", MibIp::ipInAddrErrors),
                    c32("ip_forw_datagrams", MibIp::ipForwDatagrams),
                    c32("ip_in_unknown_protos", MibIp::ipInUnknownProtos),
                    c32("ip_in_discards", MibIp::ipInDiscards),
                    c32("ip_in_delivers", MibIp::ipInDelivers),
                    c32("ip_out_requests", MibIp::ipOutRequests),
                    c32("ip_out_discards", MibIp::ipOutDiscards),
                    c32("ip_out_no_routes", MibIp::ipOutNoRoutes),
                    c32("ip_reasm_timeout", MibIp::ipReasmTimeout),
                    c32("ip_reasm_reqds", MibIp::ipReasmReqds),
                    c32("ip_reasm_oks", MibIp::ipReasmOks),
                    c32("ip_reasm_fails", MibIp::ipReasmFails),
                    c32("ip_frag_oks", MibIp::ipFragOks),
                    c32("ip_frag_fails", MibIp::ipFragFails),
                    c32("ip_frag_creates", MibIp::ipFragCreates)),
            ColumnGroup.of(MibIcmp.class, NodeSample::icmp,
                    c32("icmp_in_msgs", MibIcmp::icmpInMsgs),
                    c32("icmp_in_errors", MibIcmp::icmpInErrors),
                    c32("icmp_in_dest_unreachs", MibIcmp::icmpInDestUnreachs),
                    c32("icmp_in_time_excds", MibIcmp::icmpInTimeExcds),
                    c32("icmp_in_param_probs", MibIcmp::icmpInParamProbs),
                    c32("icmp_in_src_quenchs", MibIcmp::icmpInSrcQuenchs),
                    c32("icmp_in_redirects", MibIcmp::icmpInRedirects),
                    c32("icmp_in_echos", MibIcmp::icmpInEchos),
                    c32("icmp_in_echo_reps", MibIcmp::icmpInEchoReps),
                    c32("icmp_in_timestamps", MibIcmp::icmpInTimestamps),
                    c32("icmp_in_addr_masks", MibIcmp::icmpInAddrMasks),
                    c32("icmp_in_addr_mask_reps", MibIcmp::icmpInAddrMaskReps),
                    c32("icmp_out_msgs", MibIcmp::icmpOutMsgs),
                    c32("icmp_out_errors", MibIcmp::icmpOutErrors),
                    c32("icmp_out_dest_unreachs", MibIcmp::icmpOutDestUnreachs),
                    c32("icmp_out_time_excds", MibIcmp::icmpOutTimeExcds),
                    c32("icmp_out_param_probs", MibIcmp::icmpOutParamProbs),
                    c32("icmp_out_src_quenchs", MibIcmp::icmpOutSrcQuenchs),
                    c32("icmp_out_redirects", MibIcmp::icmpOutRedirects),
                    c32("icmp_out_echos", MibIcmp::icmpOutEchos),
                    c32("icmp_out_echo_reps", MibIcmp::icmpOutEchoReps),
                    c32("icmp_out_timestamps", MibIcmp::icmpOutTimestamps),
                    c32("icmp_out_timestamp_reps", MibIcmp::icmpOutTimestampReps),
                    c32("icmp_out_addr_masks", MibIcmp::icmpOutAddrMasks),
                    c32("icmp_out_addr_mask_reps", MibIcmp::icmpOutAddrMaskReps)),
            ColumnGroup.of(MibTcp.class, NodeSample::tcp,
                    u32("tcp_rto_algorithm", MibTcp::tcpRtoAlgorithm),
                    u32("tcp_rto_min", MibTcp::tcpRtoMin),
                    u32("tcp_rto_max", MibTcp::tcpRtoMax),
                    u32("tcp_max_conn", MibTcp::tcpMaxConn),
                    c32("tcp_active_opens", MibTcp::tcpActiveOpens),
                    c32("tcp_passive_opens", MibTcp::tcpPassiveOpens),
                    c32("tcp_attempt_fails", MibTcp::tcpAttemptFails),
                    c32("tcp_estab_resets", MibTcp::tcpEstabResets),
                    u32("tcp_curr_estab", MibTcp::tcpCurrEstab),
                    c32("tcp_in_segs", MibTcp::tcpInSegs),
                    c32("tcp_out_segs", MibTcp::tcpOutSegs),
                    c32("tcp_retrans_segs", MibTcp::tcpRetransSegs),
                    c32("tcp_in_errs", MibTcp::tcpInErrs),
                    c32("tcp_out_rsts", MibTcp::tcpOutRsts),
                    c32("tcp_in_csum_errors", MibTcp::tcpInCsumErrors)),
            ColumnGroup.of(MibUdp.class, NodeSample::udp,
                    c32("udp_in_datagrams", MibUdp::udpInDatagrams),
                    c32("udp_no_ports", MibUdp::udpNoPorts),
                    c32("udp_in_errors", MibUdp::udpInErrors),
                    c32("udp_out_datagrams", MibUdp::udpOutDatagrams),
                    c32("udp_rcvbuf_errors", MibUdp::udpRcvbufErrors),
                    c32("udp_sndbuf_errors", MibUdp::udpSndbufErrors),
                    c32("udp_in_csum_errors", MibUdp::udpInCsumErrors))));

    static final SampleLayout<VmSample> VM_SAMPLE = new SampleLayout<>("vm_sample", List.of("vm_id", "host_id"),
            List.of(key("ts", VmSample::receivedAt)), List.of(
            ColumnGroup.of(VirtCpu.class, VmSample::cpu,
                    u32("vcpu_state", VirtCpu::state),
                    c32("vcpu_cpu_time", VirtCpu::cpuTime),
                    u32("vcpu_cpu_count", VirtCpu::nrVirtCpu)),
            ColumnGroup.of(VirtMemory.class, VmSample::memory,
                    u64("vmem_memory", VirtMemory::memory),
                    u64("vmem_max_memory", VirtMemory::maxMemory)),
            ColumnGroup.of(VirtDiskIo.class, VmSample::disk,
                    u64("vdsk_capacity", VirtDiskIo::capacity),
                    u64("vdsk_allocation", VirtDiskIo::allocation),
                    u64("vdsk_available", VirtDiskIo::available),
                    c32("vdsk_rd_req", VirtDiskIo::rdReq),
                    c64("vdsk_rd_bytes", VirtDiskIo::rdBytes),
                    c32("vdsk_wr_req", VirtDiskIo::wrReq),
                    c64("vdsk_wr_bytes", VirtDiskIo::wrBytes),
                    c32("vdsk_errs", VirtDiskIo::errs)),
            ColumnGroup.of(VirtNetIo.class, VmSample::net,
                    c64("vnio_bytes_in", VirtNetIo::rxBytes),
                    c32("vnio_packets_in", VirtNetIo::rxPackets),
                    c32("vnio_errs_in", VirtNetIo::rxErrs),
                    c32("vnio_drops_in", VirtNetIo::rxDrop),
                    c64("vnio_bytes_out", VirtNetIo::txBytes),
                    c32("vnio_packets_out", VirtNetIo::txPackets),
                    c32("vnio_errs_out", VirtNetIo::txErrs),
                    c32("vnio_drops_out", VirtNetIo::txDrop))));

    static final SampleLayout<InterfaceSample> INTERFACE_SAMPLE = new SampleLayout<>("interface_sample",
            List.of("host_id"), List.of(key("if_index", InterfaceSample::ifIndex),
            key("ts", InterfaceSample::receivedAt), text("port_name", 255, InterfaceSample::portName)), List.of(
            ColumnGroup.of(IfCounters.class, InterfaceSample::counters,
                    u32("if_type", IfCounters::ifType),
                    u64("if_speed", IfCounters::ifSpeed),
                    u32("if_direction", IfCounters::ifDirection),
                    u32("if_status", IfCounters::ifStatus),
                    c64("if_in_octets", IfCounters::ifInOctets),
                    c32("if_in_ucast_pkts", IfCounters::ifInUcastPkts),
                    c32("if_in_multicast_pkts", IfCounters::ifInMulticastPkts),
                    c32("if_in_broadcast_pkts", IfCounters::ifInBroadcastPkts),
                    c32("if_in_discards", IfCounters::ifInDiscards),
                    c32("if_in_errors", IfCounters::ifInErrors),
                    c32("if_in_unknown_protos", IfCounters::ifInUnknownProtos),
                    c64("if_out_octets", IfCounters::ifOutOctets),
                    c32("if_out_ucast_pkts", IfCounters::ifOutUcastPkts),
                    c32("if_out_multicast_pkts", IfCounters::ifOutMulticastPkts),
                    c32("if_out_broadcast_pkts", IfCounters::ifOutBroadcastPkts),
                    c32("if_out_discards", IfCounters::ifOutDiscards),
                    c32("if_out_errors", IfCounters::ifOutErrors),
                    u32("if_promiscuous_mode", IfCounters::ifPromiscuousMode)),
            ColumnGroup.of(EthernetCounters.class, InterfaceSample::ethernet,
                    c32("dot3_stats_alignment_errors", EthernetCounters::dot3StatsAlignmentErrors),
                    c32("dot3_stats_fcs_errors", EthernetCounters::dot3StatsFcsErrors),
                    c32("dot3_stats_single_collision_frames", EthernetCounters::dot3StatsSingleCollisionFrames),
                    c32("dot3_stats_multiple_collision_frames", EthernetCounters::dot3StatsMultipleCollisionFrames),
                    c32("dot3_stats_sqe_test_errors", EthernetCounters::dot3StatsSqeTestErrors),
                    c32("dot3_stats_deferred_transmissions", EthernetCounters::dot3StatsDeferredTransmissions),
                    c32("dot3_stats_late_collisions", EthernetCounters::dot3StatsLateCollisions),
                    c32("dot3_stats_excessive_collisions", EthernetCounters::dot3StatsExcessiveCollisions),
                    c32("dot3_stats_internal_mac_transmit_errors",
                            EthernetCounters::dot3StatsInternalMacTransmitErrors),
                    c32("dot3_stats_carrier_sense_errors", EthernetCounters::dot3StatsCarrierSenseErrors),
                    c32("dot3_stats_frame_too_longs", EthernetCounters::dot3StatsFrameTooLongs),
                    c32("dot3_stats_internal_mac_receive_errors",
                            EthernetCounters::dot3StatsInternalMacReceiveErrors),
                    c32("dot3_stats_symbol_errors", EthernetCounters::dot3StatsSymbolErrors))));

    private SampleRows() {
    }

    /** A counter a shorter version of its record lacks is unknown. */
    private static long orUnknown(Long value) {
        return value == null ? SqlValues.U32_UNKNOWN : value;
    }
}
