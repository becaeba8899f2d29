package org.sflowmonitor.metrics;

import static org.sflowmonitor.metrics.SampleMetric.labelled;
import static org.sflowmonitor.metrics.SampleMetric.of;
import static org.sflowmonitor.metrics.SampleMetric.scaled;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.sflowmonitor.store.SampleTable;

/**
 * Which metric each stored column becomes: the one declaration of /metrics' names, help texts
 * and base units (docs/prometheus.md lists them with their sFlow fields). Every value column of
 * every sample table is exposed; MIB-2 and Ethernet counters are named after their columns.
 */
final class SampleMetrics {

    private static final double MILLIS = 1e-3;
    private static final double MEGA = 1e6;
    private static final String MODE = "mode";

    static final List<SampleMetric> HOST = List.of(
            of("sflow_host_load1", "load average over 1 minute (host_cpu load_one)", "cpu_load_one"),
            of("sflow_host_load5", "load average over 5 minutes (host_cpu load_five)", "cpu_load_five"),
            of("sflow_host_load15", "load average over 15 minutes (host_cpu load_fifteen)", "cpu_load_fifteen"),
            of("sflow_host_procs_running", "processes running (host_cpu proc_run)", "cpu_proc_run"),
            of("sflow_host_procs", "processes (host_cpu proc_total)", "cpu_proc_total"),
            of("sflow_host_cpus", "CPUs (host_cpu cpu_num)", "cpu_num"),
            scaled("sflow_host_cpu_frequency_hertz", "CPU speed (host_cpu cpu_speed)", "cpu_speed", MEGA),
            of("sflow_host_uptime_seconds", "time since boot (host_cpu uptime)", "cpu_uptime"),
            cpu("user", "cpu_user"), cpu("nice", "cpu_nice"), cpu("system", "cpu_system"), cpu("idle", "cpu_idle"),
            cpu("iowait", "cpu_waiting_io"), cpu("irq", "cpu_intr"), cpu("softirq", "cpu_sintr"),
            cpu("steal", "cpu_steal"), cpu("guest", "cpu_guest"), cpu("guest_nice", "cpu_guest_nice"),
            of("sflow_host_interrupts", "interrupts (host_cpu interrupts)", "cpu_interrupts"),
            of("sflow_host_context_switches", "context switches (host_cpu contexts)", "cpu_contexts"),
            of("sflow_host_memory_total_bytes", "memory (host_memory mem_total)", "mem_total"),
            of("sflow_host_memory_free_bytes", "free memory (host_memory mem_free)", "mem_free"),
            of("sflow_host_memory_shared_bytes", "shared memory (host_memory mem_shared)", "mem_shared"),
            of("sflow_host_memory_buffers_bytes", "buffer memory (host_memory mem_buffers)", "mem_buffers"),
            of("sflow_host_memory_cached_bytes", "page cache (host_memory mem_cached)", "mem_cached"),
            of("sflow_host_memory_swap_total_bytes", "swap space (host_memory swap_total)", "swap_total"),
            of("sflow_host_memory_swap_free_bytes", "free swap space (host_memory swap_free)", "swap_free"),
            of("sflow_host_memory_pages_in", "pages paged in (host_memory page_in)", "page_in"),
            of("sflow_host_memory_pages_out", "pages paged out (host_memory page_out)", "page_out"),
            of("sflow_host_memory_swap_pages_in", "pages swapped in (host_memory swap_in)", "swap_in"),
            of("sflow_host_memory_swap_pages_out", "pages swapped out (host_memory swap_out)", "swap_out"),
            of("sflow_host_disk_size_bytes", "disk space (host_disk_io disk_total)", "disk_total"),
            of("sflow_host_disk_free_bytes", "free disk space (host_disk_io disk_free)", "disk_free"),
            scaled("sflow_host_disk_partition_max_used_ratio", "use of the fullest partition, 0 to 1 "
                    + "(host_disk_io part_max_used)", "part_max_used", 1e-4),
            of("sflow_host_disk_reads_completed", "disk reads (host_disk_io reads)", "reads"),
            of("sflow_host_disk_read_bytes", "bytes read from disk (host_disk_io bytes_read)", "bytes_read"),
            scaled("sflow_host_disk_read_time_seconds", "time spent reading (host_disk_io read_time)", "read_time",
                    MILLIS),
            of("sflow_host_disk_writes_completed", "disk writes (host_disk_io writes)", "writes"),
            of("sflow_host_disk_written_bytes", "bytes written to disk (host_disk_io bytes_written)",
                    "bytes_written"),
            scaled("sflow_host_disk_write_time_seconds", "time spent writing (host_disk_io write_time)",
                    "write_time", MILLIS),
            of("sflow_host_network_receive_bytes", "bytes received (host_net_io bytes_in)", "bytes_in"),
            of("sflow_host_network_receive_packets", "packets received (host_net_io pkts_in)", "packets_in"),
            of("sflow_host_network_receive_errs", "receive errors (host_net_io errs_in)", "errs_in"),
            of("sflow_host_network_receive_drop", "received packets dropped (host_net_io drops_in)", "drops_in"),
            of("sflow_host_network_transmit_bytes", "bytes sent (host_net_io bytes_out)", "bytes_out"),
            of("sflow_host_network_transmit_packets", "packets sent (host_net_io pkts_out)", "packets_out"),
            of("sflow_host_network_transmit_errs", "send errors (host_net_io errs_out)", "errs_out"),
            of("sflow_host_network_transmit_drop", "sent packets dropped (host_net_io drops_out)", "drops_out"),
            scaled("sflow_host_virt_cpu_frequency_hertz", "CPU speed as libvirt reports it (virt_node mhz)",
                    "vnode_mhz", MEGA),
            of("sflow_host_virt_cpus", "CPUs as libvirt reports them (virt_node cpus)", "vnode_cpus"),
            of("sflow_host_virt_memory_bytes", "memory as libvirt reports it (virt_node memory)", "vnode_memory"),
            of("sflow_host_virt_memory_free_bytes", "memory free for VMs (virt_node memory_free)",
                    "vnode_memory_free"),
            of("sflow_host_virt_domains", "VMs running (virt_node num_domains)", "vnode_num_domains"));

    /** MIB-2 columns whose unit is milliseconds. */
    private static final Set<String> MIB2_MILLIS = Set.of("tcp_rto_min", "tcp_rto_max");

    static final List<SampleMetric> MIB2 = SampleTable.HOST_MIB2_SAMPLE.valueColumns().stream()
            .map(c -> MIB2_MILLIS.contains(c) ? scaled("sflow_host_" + c + "_seconds", "MIB-2 " + c, c, MILLIS)
                    : of("sflow_host_" + c, "MIB-2 " + c + " (host_mib2 structures 2007-2010)", c)).toList();

    static final List<SampleMetric> VM = List.of(
            of("sflow_vm_state", "libvirt domain state: 1 running, 3 paused, 5 shut off ... (virt_cpu state)",
                    "vcpu_state"),
            scaled("sflow_vm_cpu_seconds", "CPU time of all the VM's vCPUs (virt_cpu cpuTime)", "vcpu_cpu_time",
                    MILLIS),
            of("sflow_vm_vcpus", "virtual CPUs (virt_cpu nrVirtCpu)", "vcpu_cpu_count"),
            of("sflow_vm_memory_bytes", "memory in use (virt_memory memory)", "vmem_memory"),
            of("sflow_vm_memory_max_bytes", "memory allowed (virt_memory maxMemory)", "vmem_max_memory"),
            of("sflow_vm_disk_capacity_bytes", "disk capacity (virt_disk_io capacity)", "vdsk_capacity"),
            of("sflow_vm_disk_allocation_bytes", "disk space allocated (virt_disk_io allocation)", "vdsk_allocation"),
            of("sflow_vm_disk_available_bytes", "disk space free (virt_disk_io available)", "vdsk_available"),
            of("sflow_vm_disk_read_requests", "read requests (virt_disk_io rd_req)", "vdsk_rd_req"),
            of("sflow_vm_disk_read_bytes", "bytes read (virt_disk_io rd_bytes)", "vdsk_rd_bytes"),
            of("sflow_vm_disk_write_requests", "write requests (virt_disk_io wr_req)", "vdsk_wr_req"),
            of("sflow_vm_disk_written_bytes", "bytes written (virt_disk_io wr_bytes)", "vdsk_wr_bytes"),
            of("sflow_vm_disk_errors", "disk errors (virt_disk_io errs)", "vdsk_errs"),
            // hsflowd counts a VM's traffic at the host's tap device: its "in" is what the VM sent (docs/api.md)
            of("sflow_vm_network_receive_bytes", "bytes the VM received (virt_net_io tx_bytes)", "vnio_bytes_out"),
            of("sflow_vm_network_receive_packets", "packets the VM received (virt_net_io tx_packets)",
                    "vnio_packets_out"),
            of("sflow_vm_network_receive_errors", "receive errors (virt_net_io tx_errs)", "vnio_errs_out"),
            of("sflow_vm_network_receive_drops", "packets to the VM dropped (virt_net_io tx_drop)", "vnio_drops_out"),
            of("sflow_vm_network_transmit_bytes", "bytes the VM sent (virt_net_io rx_bytes)", "vnio_bytes_in"),
            of("sflow_vm_network_transmit_packets", "packets the VM sent (virt_net_io rx_packets)", "vnio_packets_in"),
            of("sflow_vm_network_transmit_errors", "send errors (virt_net_io rx_errs)", "vnio_errs_in"),
            of("sflow_vm_network_transmit_drops", "packets from the VM dropped (virt_net_io rx_drop)",
                    "vnio_drops_in"));

    private static final List<SampleMetric> INTERFACE_COUNTERS = List.of(
            of("sflow_interface_type", "IANA ifType (if_counters ifType)", "if_type"),
            scaled("sflow_interface_speed_bytes", "speed in bytes per second (if_counters ifSpeed)", "if_speed",
                    1.0 / 8),
            of("sflow_interface_direction", "duplex: 1 full, 2 half, 3 in, 4 out, 0 unknown (if_counters "
                    + "ifDirection)", "if_direction"),
            of("sflow_interface_status", "bit 0 admin up, bit 1 operationally up (if_counters ifStatus)",
                    "if_status"),
            of("sflow_interface_receive_bytes", "bytes received (if_counters ifInOctets)", "if_in_octets"),
            of("sflow_interface_receive_unicast_packets", "unicast packets received (ifInUcastPkts)",
                    "if_in_ucast_pkts"),
            of("sflow_interface_receive_multicast_packets", "multicast packets received (ifInMulticastPkts)",
                    "if_in_multicast_pkts"),
            of("sflow_interface_receive_broadcast_packets", "broadcast packets received (ifInBroadcastPkts)",
                    "if_in_broadcast_pkts"),
            of("sflow_interface_receive_discards", "received packets discarded (ifInDiscards)", "if_in_discards"),
            of("sflow_interface_receive_errors", "receive errors (ifInErrors)", "if_in_errors"),
            of("sflow_interface_receive_unknown_protos", "packets of unknown protocols (ifInUnknownProtos)",
                    "if_in_unknown_protos"),
            of("sflow_interface_transmit_bytes", "bytes sent (if_counters ifOutOctets)", "if_out_octets"),
            of("sflow_interface_transmit_unicast_packets", "unicast packets sent (ifOutUcastPkts)",
                    "if_out_ucast_pkts"),
            of("sflow_interface_transmit_multicast_packets", "multicast packets sent (ifOutMulticastPkts)",
                    "if_out_multicast_pkts"),
            of("sflow_interface_transmit_broadcast_packets", "broadcast packets sent (ifOutBroadcastPkts)",
                    "if_out_broadcast_pkts"),
            of("sflow_interface_transmit_discards", "packets discarded before sending (ifOutDiscards)",
                    "if_out_discards"),
            of("sflow_interface_transmit_errors", "send errors (ifOutErrors)", "if_out_errors"),
            of("sflow_interface_promiscuous", "1 in promiscuous mode (ifPromiscuousMode)", "if_promiscuous_mode"));

    static final List<SampleMetric> INTERFACE = withEthernet();

    private SampleMetrics() {
    }

    private static SampleMetric cpu(String mode, String column) {
        return labelled("sflow_host_cpu_seconds", "CPU time summed over the node's CPUs, by mode (host_cpu)",
                column, MILLIS, MODE, mode);
    }

    private static List<SampleMetric> withEthernet() {
        List<SampleMetric> all = new ArrayList<>(INTERFACE_COUNTERS);
        SampleTable.INTERFACE_SAMPLE.valueColumns().stream().filter(c -> c.startsWith("dot3_"))
                .forEach(c -> all.add(of("sflow_interface_" + c, "Ethernet " + c + " (ethernet_counters)", c)));
        return List.copyOf(all);
    }
}
