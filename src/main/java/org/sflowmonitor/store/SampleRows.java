package org.sflowmonitor.store;

import static org.sflowmonitor.store.Column.counter32;
import static org.sflowmonitor.store.Column.counter64;
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
 * which kind (a gauge or a counter, which decides what its rollups keep). A new counter is one line in its group (and its column in the migration).
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
                    counter32("cpu_user", HostCpu::cpuUser),
                    counter32("cpu_nice", HostCpu::cpuNice),
                    counter32("cpu_system", HostCpu::cpuSystem),
                    counter32("cpu_idle", HostCpu::cpuIdle),
                    counter32("cpu_waiting_io", HostCpu::cpuWio),
                    counter32("cpu_intr", HostCpu::cpuIntr),
                    counter32("cpu_sintr", HostCpu::cpuSintr),
                    counter32("cpu_interrupts", HostCpu::interrupts),
                    counter32("cpu_contexts", HostCpu::contexts),
                    counter32("cpu_steal", c -> orUnknown(c.cpuSteal())),
                    counter32("cpu_guest", c -> orUnknown(c.cpuGuest())),
                    counter32("cpu_guest_nice", c -> orUnknown(c.cpuGuestNice()))),
            ColumnGroup.of(HostMemory.class, NodeSample::memory,
                    u64("mem_total", HostMemory::memTotal),
                    u64("mem_free", HostMemory::memFree),
                    u64("mem_shared", HostMemory::memShared),
                    u64("mem_buffers", HostMemory::memBuffers),
                    u64("mem_cached", HostMemory::memCached),
                    u64("swap_total", HostMemory::swapTotal),
                    u64("swap_free", HostMemory::swapFree),
                    counter32("page_in", HostMemory::pageIn),
                    counter32("page_out", HostMemory::pageOut),
                    counter32("swap_in", HostMemory::swapIn),
                    counter32("swap_out", HostMemory::swapOut)),
            ColumnGroup.of(HostDiskIo.class, NodeSample::disk,
                    u64("disk_total", HostDiskIo::diskTotal),
                    u64("disk_free", HostDiskIo::diskFree),
                    percentage("part_max_used", HostDiskIo::partMaxUsed),
                    counter32("reads", HostDiskIo::reads),
                    counter64("bytes_read", HostDiskIo::bytesRead),
                    counter32("read_time", HostDiskIo::readTime),
                    counter32("writes", HostDiskIo::writes),
                    counter64("bytes_written", HostDiskIo::bytesWritten),
                    counter32("write_time", HostDiskIo::writeTime)),
            ColumnGroup.of(HostNetIo.class, NodeSample::net,
                    counter64("bytes_in", HostNetIo::bytesIn),
                    counter32("packets_in", HostNetIo::pktsIn),
                    counter32("errs_in", HostNetIo::errsIn),
                    counter32("drops_in", HostNetIo::dropsIn),
                    counter64("bytes_out", HostNetIo::bytesOut),
                    counter32("packets_out", HostNetIo::pktsOut),
                    counter32("errs_out", HostNetIo::errsOut),
                    counter32("drops_out", HostNetIo::dropsOut)),
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
                    counter32("ip_in_receives", MibIp::ipInReceives),
                    counter32("ip_in_hdr_errors", MibIp::ipInHdrErrors),
                    counter32("ip_in_addr_errors", MibIp::ipInAddrErrors),
                    counter32("ip_forw_datagrams", MibIp::ipForwDatagrams),
                    counter32("ip_in_unknown_protos", MibIp::ipInUnknownProtos),
                    counter32("ip_in_discards", MibIp::ipInDiscards),
                    counter32("ip_in_delivers", MibIp::ipInDelivers),
                    counter32("ip_out_requests", MibIp::ipOutRequests),
                    counter32("ip_out_discards", MibIp::ipOutDiscards),
                    counter32("ip_out_no_routes", MibIp::ipOutNoRoutes),
                    counter32("ip_reasm_timeout", MibIp::ipReasmTimeout),
                    counter32("ip_reasm_reqds", MibIp::ipReasmReqds),
                    counter32("ip_reasm_oks", MibIp::ipReasmOks),
                    counter32("ip_reasm_fails", MibIp::ipReasmFails),
                    counter32("ip_frag_oks", MibIp::ipFragOks),
                    counter32("ip_frag_fails", MibIp::ipFragFails),
                    counter32("ip_frag_creates", MibIp::ipFragCreates)),
            ColumnGroup.of(MibIcmp.class, NodeSample::icmp,
                    counter32("icmp_in_msgs", MibIcmp::icmpInMsgs),
                    counter32("icmp_in_errors", MibIcmp::icmpInErrors),
                    counter32("icmp_in_dest_unreachs", MibIcmp::icmpInDestUnreachs),
                    counter32("icmp_in_time_excds", MibIcmp::icmpInTimeExcds),
                    counter32("icmp_in_param_probs", MibIcmp::icmpInParamProbs),
                    counter32("icmp_in_src_quenchs", MibIcmp::icmpInSrcQuenchs),
                    counter32("icmp_in_redirects", MibIcmp::icmpInRedirects),
                    counter32("icmp_in_echos", MibIcmp::icmpInEchos),
                    counter32("icmp_in_echo_reps", MibIcmp::icmpInEchoReps),
                    counter32("icmp_in_timestamps", MibIcmp::icmpInTimestamps),
                    counter32("icmp_in_addr_masks", MibIcmp::icmpInAddrMasks),
                    counter32("icmp_in_addr_mask_reps", MibIcmp::icmpInAddrMaskReps),
                    counter32("icmp_out_msgs", MibIcmp::icmpOutMsgs),
                    counter32("icmp_out_errors", MibIcmp::icmpOutErrors),
                    counter32("icmp_out_dest_unreachs", MibIcmp::icmpOutDestUnreachs),
                    counter32("icmp_out_time_excds", MibIcmp::icmpOutTimeExcds),
                    counter32("icmp_out_param_probs", MibIcmp::icmpOutParamProbs),
                    counter32("icmp_out_src_quenchs", MibIcmp::icmpOutSrcQuenchs),
                    counter32("icmp_out_redirects", MibIcmp::icmpOutRedirects),
                    counter32("icmp_out_echos", MibIcmp::icmpOutEchos),
                    counter32("icmp_out_echo_reps", MibIcmp::icmpOutEchoReps),
                    counter32("icmp_out_timestamps", MibIcmp::icmpOutTimestamps),
                    counter32("icmp_out_timestamp_reps", MibIcmp::icmpOutTimestampReps),
                    counter32("icmp_out_addr_masks", MibIcmp::icmpOutAddrMasks),
                    counter32("icmp_out_addr_mask_reps", MibIcmp::icmpOutAddrMaskReps)),
            ColumnGroup.of(MibTcp.class, NodeSample::tcp,
                    u32("tcp_rto_algorithm", MibTcp::tcpRtoAlgorithm),
                    u32("tcp_rto_min", MibTcp::tcpRtoMin),
                    u32("tcp_rto_max", MibTcp::tcpRtoMax),
                    u32("tcp_max_conn", MibTcp::tcpMaxConn),
                    counter32("tcp_active_opens", MibTcp::tcpActiveOpens),
                    counter32("tcp_passive_opens", MibTcp::tcpPassiveOpens),
                    counter32("tcp_attempt_fails", MibTcp::tcpAttemptFails),
                    counter32("tcp_estab_resets", MibTcp::tcpEstabResets),
                    u32("tcp_curr_estab", MibTcp::tcpCurrEstab),
                    counter32("tcp_in_segs", MibTcp::tcpInSegs),
                    counter32("tcp_out_segs", MibTcp::tcpOutSegs),
                    counter32("tcp_retrans_segs", MibTcp::tcpRetransSegs),
                    counter32("tcp_in_errs", MibTcp::tcpInErrs),
                    counter32("tcp_out_rsts", MibTcp::tcpOutRsts),
                    counter32("tcp_in_csum_errors", MibTcp::tcpInCsumErrors)),
            ColumnGroup.of(MibUdp.class, NodeSample::udp,
                    counter32("udp_in_datagrams", MibUdp::udpInDatagrams),
                    counter32("udp_no_ports", MibUdp::udpNoPorts),
                    counter32("udp_in_errors", MibUdp::udpInErrors),
                    counter32("udp_out_datagrams", MibUdp::udpOutDatagrams),
                    counter32("udp_rcvbuf_errors", MibUdp::udpRcvbufErrors),
                    counter32("udp_sndbuf_errors", MibUdp::udpSndbufErrors),
                    counter32("udp_in_csum_errors", MibUdp::udpInCsumErrors))));

    static final SampleLayout<VmSample> VM_SAMPLE = new SampleLayout<>("vm_sample", List.of("vm_id", "host_id"),
            List.of(key("ts", VmSample::receivedAt)), List.of(
            ColumnGroup.of(VirtCpu.class, VmSample::cpu,
                    u32("vcpu_state", VirtCpu::state),
                    counter32("vcpu_cpu_time", VirtCpu::cpuTime),
                    u32("vcpu_cpu_count", VirtCpu::nrVirtCpu)),
            ColumnGroup.of(VirtMemory.class, VmSample::memory,
                    u64("vmem_memory", VirtMemory::memory),
                    u64("vmem_max_memory", VirtMemory::maxMemory)),
            ColumnGroup.of(VirtDiskIo.class, VmSample::disk,
                    u64("vdsk_capacity", VirtDiskIo::capacity),
                    u64("vdsk_allocation", VirtDiskIo::allocation),
                    u64("vdsk_available", VirtDiskIo::available),
                    counter32("vdsk_rd_req", VirtDiskIo::rdReq),
                    counter64("vdsk_rd_bytes", VirtDiskIo::rdBytes),
                    counter32("vdsk_wr_req", VirtDiskIo::wrReq),
                    counter64("vdsk_wr_bytes", VirtDiskIo::wrBytes),
                    counter32("vdsk_errs", VirtDiskIo::errs)),
            ColumnGroup.of(VirtNetIo.class, VmSample::net,
                    counter64("vnio_bytes_in", VirtNetIo::rxBytes),
                    counter32("vnio_packets_in", VirtNetIo::rxPackets),
                    counter32("vnio_errs_in", VirtNetIo::rxErrs),
                    counter32("vnio_drops_in", VirtNetIo::rxDrop),
                    counter64("vnio_bytes_out", VirtNetIo::txBytes),
                    counter32("vnio_packets_out", VirtNetIo::txPackets),
                    counter32("vnio_errs_out", VirtNetIo::txErrs),
                    counter32("vnio_drops_out", VirtNetIo::txDrop))));

    static final SampleLayout<InterfaceSample> INTERFACE_SAMPLE = new SampleLayout<>("interface_sample",
            List.of("host_id"), List.of(key("if_index", InterfaceSample::ifIndex),
            key("ts", InterfaceSample::receivedAt), text("port_name", 255, InterfaceSample::portName)), List.of(
            ColumnGroup.of(IfCounters.class, InterfaceSample::counters,
                    u32("if_type", IfCounters::ifType),
                    u64("if_speed", IfCounters::ifSpeed),
                    u32("if_direction", IfCounters::ifDirection),
                    u32("if_status", IfCounters::ifStatus),
                    counter64("if_in_octets", IfCounters::ifInOctets),
                    counter32("if_in_ucast_pkts", IfCounters::ifInUcastPkts),
                    counter32("if_in_multicast_pkts", IfCounters::ifInMulticastPkts),
                    counter32("if_in_broadcast_pkts", IfCounters::ifInBroadcastPkts),
                    counter32("if_in_discards", IfCounters::ifInDiscards),
                    counter32("if_in_errors", IfCounters::ifInErrors),
                    counter32("if_in_unknown_protos", IfCounters::ifInUnknownProtos),
                    counter64("if_out_octets", IfCounters::ifOutOctets),
                    counter32("if_out_ucast_pkts", IfCounters::ifOutUcastPkts),
                    counter32("if_out_multicast_pkts", IfCounters::ifOutMulticastPkts),
                    counter32("if_out_broadcast_pkts", IfCounters::ifOutBroadcastPkts),
                    counter32("if_out_discards", IfCounters::ifOutDiscards),
                    counter32("if_out_errors", IfCounters::ifOutErrors),
                    u32("if_promiscuous_mode", IfCounters::ifPromiscuousMode)),
            ColumnGroup.of(EthernetCounters.class, InterfaceSample::ethernet,
                    counter32("dot3_stats_alignment_errors", EthernetCounters::dot3StatsAlignmentErrors),
                    counter32("dot3_stats_fcs_errors", EthernetCounters::dot3StatsFcsErrors),
                    counter32("dot3_stats_single_collision_frames", EthernetCounters::dot3StatsSingleCollisionFrames),
                    counter32("dot3_stats_multiple_collision_frames", EthernetCounters::dot3StatsMultipleCollisionFrames),
                    counter32("dot3_stats_sqe_test_errors", EthernetCounters::dot3StatsSqeTestErrors),
                    counter32("dot3_stats_deferred_transmissions", EthernetCounters::dot3StatsDeferredTransmissions),
                    counter32("dot3_stats_late_collisions", EthernetCounters::dot3StatsLateCollisions),
                    counter32("dot3_stats_excessive_collisions", EthernetCounters::dot3StatsExcessiveCollisions),
                    counter32("dot3_stats_internal_mac_transmit_errors",
                            EthernetCounters::dot3StatsInternalMacTransmitErrors),
                    counter32("dot3_stats_carrier_sense_errors", EthernetCounters::dot3StatsCarrierSenseErrors),
                    counter32("dot3_stats_frame_too_longs", EthernetCounters::dot3StatsFrameTooLongs),
                    counter32("dot3_stats_internal_mac_receive_errors",
                            EthernetCounters::dot3StatsInternalMacReceiveErrors),
                    counter32("dot3_stats_symbol_errors", EthernetCounters::dot3StatsSymbolErrors))));

    private SampleRows() {
    }

    /** A counter a shorter version of its record lacks is unknown. */
    private static long orUnknown(Long value) {
        return value == null ? SqlValues.U32_UNKNOWN : value;
    }
}
