-- sflow-monitor schema, version 3: the newest sample of every node, VM and interface and the one
-- before it (prev_*), kept by the writer (store/LatestTable: one MERGE per sample, in the batch's
-- transaction), so that summaries read one row per entity instead of searching the sample tables.
-- The columns are the sample table's, then prev_ and the same again (without the key); filled here
-- from the samples already stored: the newest of each entity inserted, then the one before it merged
-- in by the table's key (two derived tables joined to each other would be searched row by row).
-- Standard SQL that runs unchanged on H2 2.x and PostgreSQL 15.

-- The newest two samples of the node.
CREATE TABLE host_latest (
    host_id                 BIGINT NOT NULL,
    ts                      BIGINT NOT NULL,
    cpu_load_one            REAL,
    cpu_load_five           REAL,
    cpu_load_fifteen        REAL,
    cpu_proc_run            BIGINT,
    cpu_proc_total          BIGINT,
    cpu_num                 BIGINT,
    cpu_speed               BIGINT,
    cpu_uptime              BIGINT,
    cpu_user                BIGINT,
    cpu_nice                BIGINT,
    cpu_system              BIGINT,
    cpu_idle                BIGINT,
    cpu_waiting_io          BIGINT,
    cpu_intr                BIGINT,
    cpu_sintr               BIGINT,
    cpu_interrupts          BIGINT,
    cpu_contexts            BIGINT,
    cpu_steal               BIGINT,
    cpu_guest               BIGINT,
    cpu_guest_nice          BIGINT,
    mem_total               NUMERIC(20),
    mem_free                NUMERIC(20),
    mem_shared              NUMERIC(20),
    mem_buffers             NUMERIC(20),
    mem_cached              NUMERIC(20),
    swap_total              NUMERIC(20),
    swap_free               NUMERIC(20),
    page_in                 BIGINT,
    page_out                BIGINT,
    swap_in                 BIGINT,
    swap_out                BIGINT,
    disk_total              NUMERIC(20),
    disk_free               NUMERIC(20),
    part_max_used           INTEGER,
    reads                   BIGINT,
    bytes_read              NUMERIC(20),
    read_time               BIGINT,
    writes                  BIGINT,
    bytes_written           NUMERIC(20),
    write_time              BIGINT,
    bytes_in                NUMERIC(20),
    packets_in              BIGINT,
    errs_in                 BIGINT,
    drops_in                BIGINT,
    bytes_out               NUMERIC(20),
    packets_out             BIGINT,
    errs_out                BIGINT,
    drops_out               BIGINT,
    vnode_mhz               BIGINT,
    vnode_cpus              BIGINT,
    vnode_memory            NUMERIC(20),
    vnode_memory_free       NUMERIC(20),
    vnode_num_domains       BIGINT,
    prev_ts                 BIGINT,
    prev_cpu_load_one       REAL,
    prev_cpu_load_five      REAL,
    prev_cpu_load_fifteen   REAL,
    prev_cpu_proc_run       BIGINT,
    prev_cpu_proc_total     BIGINT,
    prev_cpu_num            BIGINT,
    prev_cpu_speed          BIGINT,
    prev_cpu_uptime         BIGINT,
    prev_cpu_user           BIGINT,
    prev_cpu_nice           BIGINT,
    prev_cpu_system         BIGINT,
    prev_cpu_idle           BIGINT,
    prev_cpu_waiting_io     BIGINT,
    prev_cpu_intr           BIGINT,
    prev_cpu_sintr          BIGINT,
    prev_cpu_interrupts     BIGINT,
    prev_cpu_contexts       BIGINT,
    prev_cpu_steal          BIGINT,
    prev_cpu_guest          BIGINT,
    prev_cpu_guest_nice     BIGINT,
    prev_mem_total          NUMERIC(20),
    prev_mem_free           NUMERIC(20),
    prev_mem_shared         NUMERIC(20),
    prev_mem_buffers        NUMERIC(20),
    prev_mem_cached         NUMERIC(20),
    prev_swap_total         NUMERIC(20),
    prev_swap_free          NUMERIC(20),
    prev_page_in            BIGINT,
    prev_page_out           BIGINT,
    prev_swap_in            BIGINT,
    prev_swap_out           BIGINT,
    prev_disk_total         NUMERIC(20),
    prev_disk_free          NUMERIC(20),
    prev_part_max_used      INTEGER,
    prev_reads              BIGINT,
    prev_bytes_read         NUMERIC(20),
    prev_read_time          BIGINT,
    prev_writes             BIGINT,
    prev_bytes_written      NUMERIC(20),
    prev_write_time         BIGINT,
    prev_bytes_in           NUMERIC(20),
    prev_packets_in         BIGINT,
    prev_errs_in            BIGINT,
    prev_drops_in           BIGINT,
    prev_bytes_out          NUMERIC(20),
    prev_packets_out        BIGINT,
    prev_errs_out           BIGINT,
    prev_drops_out          BIGINT,
    prev_vnode_mhz          BIGINT,
    prev_vnode_cpus         BIGINT,
    prev_vnode_memory       NUMERIC(20),
    prev_vnode_memory_free  NUMERIC(20),
    prev_vnode_num_domains  BIGINT,
    PRIMARY KEY (host_id)
);

INSERT INTO host_latest (host_id, ts, cpu_load_one, cpu_load_five, cpu_load_fifteen, cpu_proc_run, cpu_proc_total, cpu_num, cpu_speed, cpu_uptime, cpu_user, cpu_nice, cpu_system, cpu_idle, cpu_waiting_io, cpu_intr, cpu_sintr, cpu_interrupts, cpu_contexts, cpu_steal, cpu_guest, cpu_guest_nice, mem_total, mem_free, mem_shared, mem_buffers, mem_cached, swap_total, swap_free, page_in, page_out, swap_in, swap_out, disk_total, disk_free, part_max_used, reads, bytes_read, read_time, writes, bytes_written, write_time, bytes_in, packets_in, errs_in, drops_in, bytes_out, packets_out, errs_out, drops_out, vnode_mhz, vnode_cpus, vnode_memory, vnode_memory_free, vnode_num_domains)
SELECT c.host_id, c.ts, c.cpu_load_one, c.cpu_load_five, c.cpu_load_fifteen, c.cpu_proc_run, c.cpu_proc_total, c.cpu_num, c.cpu_speed, c.cpu_uptime, c.cpu_user, c.cpu_nice, c.cpu_system, c.cpu_idle, c.cpu_waiting_io, c.cpu_intr, c.cpu_sintr, c.cpu_interrupts, c.cpu_contexts, c.cpu_steal, c.cpu_guest, c.cpu_guest_nice, c.mem_total, c.mem_free, c.mem_shared, c.mem_buffers, c.mem_cached, c.swap_total, c.swap_free, c.page_in, c.page_out, c.swap_in, c.swap_out, c.disk_total, c.disk_free, c.part_max_used, c.reads, c.bytes_read, c.read_time, c.writes, c.bytes_written, c.write_time, c.bytes_in, c.packets_in, c.errs_in, c.drops_in, c.bytes_out, c.packets_out, c.errs_out, c.drops_out, c.vnode_mhz, c.vnode_cpus, c.vnode_memory, c.vnode_memory_free, c.vnode_num_domains
FROM (SELECT s.host_id, s.ts, s.cpu_load_one, s.cpu_load_five, s.cpu_load_fifteen, s.cpu_proc_run, s.cpu_proc_total, s.cpu_num, s.cpu_speed, s.cpu_uptime, s.cpu_user, s.cpu_nice, s.cpu_system, s.cpu_idle, s.cpu_waiting_io, s.cpu_intr, s.cpu_sintr, s.cpu_interrupts, s.cpu_contexts, s.cpu_steal, s.cpu_guest, s.cpu_guest_nice, s.mem_total, s.mem_free, s.mem_shared, s.mem_buffers, s.mem_cached, s.swap_total, s.swap_free, s.page_in, s.page_out, s.swap_in, s.swap_out, s.disk_total, s.disk_free, s.part_max_used, s.reads, s.bytes_read, s.read_time, s.writes, s.bytes_written, s.write_time, s.bytes_in, s.packets_in, s.errs_in, s.drops_in, s.bytes_out, s.packets_out, s.errs_out, s.drops_out, s.vnode_mhz, s.vnode_cpus, s.vnode_memory, s.vnode_memory_free, s.vnode_num_domains, ROW_NUMBER() OVER (PARTITION BY s.host_id ORDER BY s.ts DESC) AS rn FROM host e
        JOIN host_sample s ON s.host_id = e.id AND s.ts >= COALESCE((SELECT x.ts FROM host_sample x WHERE x.host_id = e.id ORDER BY x.host_id DESC, x.ts DESC OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY),
            (SELECT x.ts FROM host_sample x WHERE x.host_id = e.id ORDER BY x.host_id DESC, x.ts DESC OFFSET 0 ROWS FETCH NEXT 1 ROW ONLY))) c
WHERE c.rn = 1;

MERGE INTO host_latest t
USING (SELECT r.host_id, r.ts, r.cpu_load_one, r.cpu_load_five, r.cpu_load_fifteen, r.cpu_proc_run, r.cpu_proc_total, r.cpu_num, r.cpu_speed, r.cpu_uptime, r.cpu_user, r.cpu_nice, r.cpu_system, r.cpu_idle, r.cpu_waiting_io, r.cpu_intr, r.cpu_sintr, r.cpu_interrupts, r.cpu_contexts, r.cpu_steal, r.cpu_guest, r.cpu_guest_nice, r.mem_total, r.mem_free, r.mem_shared, r.mem_buffers, r.mem_cached, r.swap_total, r.swap_free, r.page_in, r.page_out, r.swap_in, r.swap_out, r.disk_total, r.disk_free, r.part_max_used, r.reads, r.bytes_read, r.read_time, r.writes, r.bytes_written, r.write_time, r.bytes_in, r.packets_in, r.errs_in, r.drops_in, r.bytes_out, r.packets_out, r.errs_out, r.drops_out, r.vnode_mhz, r.vnode_cpus, r.vnode_memory, r.vnode_memory_free, r.vnode_num_domains FROM (SELECT s.host_id, s.ts, s.cpu_load_one, s.cpu_load_five, s.cpu_load_fifteen, s.cpu_proc_run, s.cpu_proc_total, s.cpu_num, s.cpu_speed, s.cpu_uptime, s.cpu_user, s.cpu_nice, s.cpu_system, s.cpu_idle, s.cpu_waiting_io, s.cpu_intr, s.cpu_sintr, s.cpu_interrupts, s.cpu_contexts, s.cpu_steal, s.cpu_guest, s.cpu_guest_nice, s.mem_total, s.mem_free, s.mem_shared, s.mem_buffers, s.mem_cached, s.swap_total, s.swap_free, s.page_in, s.page_out, s.swap_in, s.swap_out, s.disk_total, s.disk_free, s.part_max_used, s.reads, s.bytes_read, s.read_time, s.writes, s.bytes_written, s.write_time, s.bytes_in, s.packets_in, s.errs_in, s.drops_in, s.bytes_out, s.packets_out, s.errs_out, s.drops_out, s.vnode_mhz, s.vnode_cpus, s.vnode_memory, s.vnode_memory_free, s.vnode_num_domains, ROW_NUMBER() OVER (PARTITION BY s.host_id ORDER BY s.ts DESC) AS rn FROM host e
            JOIN host_sample s ON s.host_id = e.id AND s.ts >= COALESCE((SELECT x.ts FROM host_sample x WHERE x.host_id = e.id ORDER BY x.host_id DESC, x.ts DESC OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY),
                (SELECT x.ts FROM host_sample x WHERE x.host_id = e.id ORDER BY x.host_id DESC, x.ts DESC OFFSET 0 ROWS FETCH NEXT 1 ROW ONLY))) r WHERE r.rn = 2) p
ON t.host_id = p.host_id
WHEN MATCHED THEN UPDATE SET prev_ts = p.ts, prev_cpu_load_one = p.cpu_load_one, prev_cpu_load_five = p.cpu_load_five, prev_cpu_load_fifteen = p.cpu_load_fifteen, prev_cpu_proc_run = p.cpu_proc_run, prev_cpu_proc_total = p.cpu_proc_total, prev_cpu_num = p.cpu_num, prev_cpu_speed = p.cpu_speed, prev_cpu_uptime = p.cpu_uptime, prev_cpu_user = p.cpu_user, prev_cpu_nice = p.cpu_nice, prev_cpu_system = p.cpu_system, prev_cpu_idle = p.cpu_idle, prev_cpu_waiting_io = p.cpu_waiting_io, prev_cpu_intr = p.cpu_intr, prev_cpu_sintr = p.cpu_sintr, prev_cpu_interrupts = p.cpu_interrupts, prev_cpu_contexts = p.cpu_contexts, prev_cpu_steal = p.cpu_steal, prev_cpu_guest = p.cpu_guest, prev_cpu_guest_nice = p.cpu_guest_nice, prev_mem_total = p.mem_total, prev_mem_free = p.mem_free, prev_mem_shared = p.mem_shared, prev_mem_buffers = p.mem_buffers, prev_mem_cached = p.mem_cached, prev_swap_total = p.swap_total, prev_swap_free = p.swap_free, prev_page_in = p.page_in, prev_page_out = p.page_out, prev_swap_in = p.swap_in, prev_swap_out = p.swap_out, prev_disk_total = p.disk_total, prev_disk_free = p.disk_free, prev_part_max_used = p.part_max_used, prev_reads = p.reads, prev_bytes_read = p.bytes_read, prev_read_time = p.read_time, prev_writes = p.writes, prev_bytes_written = p.bytes_written, prev_write_time = p.write_time, prev_bytes_in = p.bytes_in, prev_packets_in = p.packets_in, prev_errs_in = p.errs_in, prev_drops_in = p.drops_in, prev_bytes_out = p.bytes_out, prev_packets_out = p.packets_out, prev_errs_out = p.errs_out, prev_drops_out = p.drops_out, prev_vnode_mhz = p.vnode_mhz, prev_vnode_cpus = p.vnode_cpus, prev_vnode_memory = p.vnode_memory, prev_vnode_memory_free = p.vnode_memory_free, prev_vnode_num_domains = p.vnode_num_domains;

-- The newest two samples of the VM.
CREATE TABLE vm_latest (
    vm_id                  BIGINT NOT NULL,
    host_id                BIGINT,
    ts                     BIGINT NOT NULL,
    vcpu_state             BIGINT,
    vcpu_cpu_time          BIGINT,
    vcpu_cpu_count         BIGINT,
    vmem_memory            NUMERIC(20),
    vmem_max_memory        NUMERIC(20),
    vdsk_capacity          NUMERIC(20),
    vdsk_allocation        NUMERIC(20),
    vdsk_available         NUMERIC(20),
    vdsk_rd_req            BIGINT,
    vdsk_rd_bytes          NUMERIC(20),
    vdsk_wr_req            BIGINT,
    vdsk_wr_bytes          NUMERIC(20),
    vdsk_errs              BIGINT,
    vnio_bytes_in          NUMERIC(20),
    vnio_packets_in        BIGINT,
    vnio_errs_in           BIGINT,
    vnio_drops_in          BIGINT,
    vnio_bytes_out         NUMERIC(20),
    vnio_packets_out       BIGINT,
    vnio_errs_out          BIGINT,
    vnio_drops_out         BIGINT,
    prev_host_id           BIGINT,
    prev_ts                BIGINT,
    prev_vcpu_state        BIGINT,
    prev_vcpu_cpu_time     BIGINT,
    prev_vcpu_cpu_count    BIGINT,
    prev_vmem_memory       NUMERIC(20),
    prev_vmem_max_memory   NUMERIC(20),
    prev_vdsk_capacity     NUMERIC(20),
    prev_vdsk_allocation   NUMERIC(20),
    prev_vdsk_available    NUMERIC(20),
    prev_vdsk_rd_req       BIGINT,
    prev_vdsk_rd_bytes     NUMERIC(20),
    prev_vdsk_wr_req       BIGINT,
    prev_vdsk_wr_bytes     NUMERIC(20),
    prev_vdsk_errs         BIGINT,
    prev_vnio_bytes_in     NUMERIC(20),
    prev_vnio_packets_in   BIGINT,
    prev_vnio_errs_in      BIGINT,
    prev_vnio_drops_in     BIGINT,
    prev_vnio_bytes_out    NUMERIC(20),
    prev_vnio_packets_out  BIGINT,
    prev_vnio_errs_out     BIGINT,
    prev_vnio_drops_out    BIGINT,
    PRIMARY KEY (vm_id)
);

INSERT INTO vm_latest (vm_id, host_id, ts, vcpu_state, vcpu_cpu_time, vcpu_cpu_count, vmem_memory, vmem_max_memory, vdsk_capacity, vdsk_allocation, vdsk_available, vdsk_rd_req, vdsk_rd_bytes, vdsk_wr_req, vdsk_wr_bytes, vdsk_errs, vnio_bytes_in, vnio_packets_in, vnio_errs_in, vnio_drops_in, vnio_bytes_out, vnio_packets_out, vnio_errs_out, vnio_drops_out)
SELECT c.vm_id, c.host_id, c.ts, c.vcpu_state, c.vcpu_cpu_time, c.vcpu_cpu_count, c.vmem_memory, c.vmem_max_memory, c.vdsk_capacity, c.vdsk_allocation, c.vdsk_available, c.vdsk_rd_req, c.vdsk_rd_bytes, c.vdsk_wr_req, c.vdsk_wr_bytes, c.vdsk_errs, c.vnio_bytes_in, c.vnio_packets_in, c.vnio_errs_in, c.vnio_drops_in, c.vnio_bytes_out, c.vnio_packets_out, c.vnio_errs_out, c.vnio_drops_out
FROM (SELECT s.vm_id, s.host_id, s.ts, s.vcpu_state, s.vcpu_cpu_time, s.vcpu_cpu_count, s.vmem_memory, s.vmem_max_memory, s.vdsk_capacity, s.vdsk_allocation, s.vdsk_available, s.vdsk_rd_req, s.vdsk_rd_bytes, s.vdsk_wr_req, s.vdsk_wr_bytes, s.vdsk_errs, s.vnio_bytes_in, s.vnio_packets_in, s.vnio_errs_in, s.vnio_drops_in, s.vnio_bytes_out, s.vnio_packets_out, s.vnio_errs_out, s.vnio_drops_out, ROW_NUMBER() OVER (PARTITION BY s.vm_id ORDER BY s.ts DESC) AS rn FROM vm e
        JOIN vm_sample s ON s.vm_id = e.id AND s.ts >= COALESCE((SELECT x.ts FROM vm_sample x WHERE x.vm_id = e.id ORDER BY x.vm_id DESC, x.ts DESC OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY),
            (SELECT x.ts FROM vm_sample x WHERE x.vm_id = e.id ORDER BY x.vm_id DESC, x.ts DESC OFFSET 0 ROWS FETCH NEXT 1 ROW ONLY))) c
WHERE c.rn = 1;

MERGE INTO vm_latest t
USING (SELECT r.vm_id, r.host_id, r.ts, r.vcpu_state, r.vcpu_cpu_time, r.vcpu_cpu_count, r.vmem_memory, r.vmem_max_memory, r.vdsk_capacity, r.vdsk_allocation, r.vdsk_available, r.vdsk_rd_req, r.vdsk_rd_bytes, r.vdsk_wr_req, r.vdsk_wr_bytes, r.vdsk_errs, r.vnio_bytes_in, r.vnio_packets_in, r.vnio_errs_in, r.vnio_drops_in, r.vnio_bytes_out, r.vnio_packets_out, r.vnio_errs_out, r.vnio_drops_out FROM (SELECT s.vm_id, s.host_id, s.ts, s.vcpu_state, s.vcpu_cpu_time, s.vcpu_cpu_count, s.vmem_memory, s.vmem_max_memory, s.vdsk_capacity, s.vdsk_allocation, s.vdsk_available, s.vdsk_rd_req, s.vdsk_rd_bytes, s.vdsk_wr_req, s.vdsk_wr_bytes, s.vdsk_errs, s.vnio_bytes_in, s.vnio_packets_in, s.vnio_errs_in, s.vnio_drops_in, s.vnio_bytes_out, s.vnio_packets_out, s.vnio_errs_out, s.vnio_drops_out, ROW_NUMBER() OVER (PARTITION BY s.vm_id ORDER BY s.ts DESC) AS rn FROM vm e
            JOIN vm_sample s ON s.vm_id = e.id AND s.ts >= COALESCE((SELECT x.ts FROM vm_sample x WHERE x.vm_id = e.id ORDER BY x.vm_id DESC, x.ts DESC OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY),
                (SELECT x.ts FROM vm_sample x WHERE x.vm_id = e.id ORDER BY x.vm_id DESC, x.ts DESC OFFSET 0 ROWS FETCH NEXT 1 ROW ONLY))) r WHERE r.rn = 2) p
ON t.vm_id = p.vm_id
WHEN MATCHED THEN UPDATE SET prev_host_id = p.host_id, prev_ts = p.ts, prev_vcpu_state = p.vcpu_state, prev_vcpu_cpu_time = p.vcpu_cpu_time, prev_vcpu_cpu_count = p.vcpu_cpu_count, prev_vmem_memory = p.vmem_memory, prev_vmem_max_memory = p.vmem_max_memory, prev_vdsk_capacity = p.vdsk_capacity, prev_vdsk_allocation = p.vdsk_allocation, prev_vdsk_available = p.vdsk_available, prev_vdsk_rd_req = p.vdsk_rd_req, prev_vdsk_rd_bytes = p.vdsk_rd_bytes, prev_vdsk_wr_req = p.vdsk_wr_req, prev_vdsk_wr_bytes = p.vdsk_wr_bytes, prev_vdsk_errs = p.vdsk_errs, prev_vnio_bytes_in = p.vnio_bytes_in, prev_vnio_packets_in = p.vnio_packets_in, prev_vnio_errs_in = p.vnio_errs_in, prev_vnio_drops_in = p.vnio_drops_in, prev_vnio_bytes_out = p.vnio_bytes_out, prev_vnio_packets_out = p.vnio_packets_out, prev_vnio_errs_out = p.vnio_errs_out, prev_vnio_drops_out = p.vnio_drops_out;

-- The newest two samples of the interface of a node.
CREATE TABLE interface_latest (
    host_id                                       BIGINT NOT NULL,
    if_index                                      BIGINT NOT NULL,
    ts                                            BIGINT NOT NULL,
    port_name                                     VARCHAR(255),
    if_type                                       BIGINT,
    if_speed                                      NUMERIC(20),
    if_direction                                  BIGINT,
    if_status                                     BIGINT,
    if_in_octets                                  NUMERIC(20),
    if_in_ucast_pkts                              BIGINT,
    if_in_multicast_pkts                          BIGINT,
    if_in_broadcast_pkts                          BIGINT,
    if_in_discards                                BIGINT,
    if_in_errors                                  BIGINT,
    if_in_unknown_protos                          BIGINT,
    if_out_octets                                 NUMERIC(20),
    if_out_ucast_pkts                             BIGINT,
    if_out_multicast_pkts                         BIGINT,
    if_out_broadcast_pkts                         BIGINT,
    if_out_discards                               BIGINT,
    if_out_errors                                 BIGINT,
    if_promiscuous_mode                           BIGINT,
    dot3_stats_alignment_errors                   BIGINT,
    dot3_stats_fcs_errors                         BIGINT,
    dot3_stats_single_collision_frames            BIGINT,
    dot3_stats_multiple_collision_frames          BIGINT,
    dot3_stats_sqe_test_errors                    BIGINT,
    dot3_stats_deferred_transmissions             BIGINT,
    dot3_stats_late_collisions                    BIGINT,
    dot3_stats_excessive_collisions               BIGINT,
    dot3_stats_internal_mac_transmit_errors       BIGINT,
    dot3_stats_carrier_sense_errors               BIGINT,
    dot3_stats_frame_too_longs                    BIGINT,
    dot3_stats_internal_mac_receive_errors        BIGINT,
    dot3_stats_symbol_errors                      BIGINT,
    prev_ts                                       BIGINT,
    prev_port_name                                VARCHAR(255),
    prev_if_type                                  BIGINT,
    prev_if_speed                                 NUMERIC(20),
    prev_if_direction                             BIGINT,
    prev_if_status                                BIGINT,
    prev_if_in_octets                             NUMERIC(20),
    prev_if_in_ucast_pkts                         BIGINT,
    prev_if_in_multicast_pkts                     BIGINT,
    prev_if_in_broadcast_pkts                     BIGINT,
    prev_if_in_discards                           BIGINT,
    prev_if_in_errors                             BIGINT,
    prev_if_in_unknown_protos                     BIGINT,
    prev_if_out_octets                            NUMERIC(20),
    prev_if_out_ucast_pkts                        BIGINT,
    prev_if_out_multicast_pkts                    BIGINT,
    prev_if_out_broadcast_pkts                    BIGINT,
    prev_if_out_discards                          BIGINT,
    prev_if_out_errors                            BIGINT,
    prev_if_promiscuous_mode                      BIGINT,
    prev_dot3_stats_alignment_errors              BIGINT,
    prev_dot3_stats_fcs_errors                    BIGINT,
    prev_dot3_stats_single_collision_frames       BIGINT,
    prev_dot3_stats_multiple_collision_frames     BIGINT,
    prev_dot3_stats_sqe_test_errors               BIGINT,
    prev_dot3_stats_deferred_transmissions        BIGINT,
    prev_dot3_stats_late_collisions               BIGINT,
    prev_dot3_stats_excessive_collisions          BIGINT,
    prev_dot3_stats_internal_mac_transmit_errors  BIGINT,
    prev_dot3_stats_carrier_sense_errors          BIGINT,
    prev_dot3_stats_frame_too_longs               BIGINT,
    prev_dot3_stats_internal_mac_receive_errors   BIGINT,
    prev_dot3_stats_symbol_errors                 BIGINT,
    PRIMARY KEY (host_id, if_index)
);

INSERT INTO interface_latest (host_id, if_index, ts, port_name, if_type, if_speed, if_direction, if_status, if_in_octets, if_in_ucast_pkts, if_in_multicast_pkts, if_in_broadcast_pkts, if_in_discards, if_in_errors, if_in_unknown_protos, if_out_octets, if_out_ucast_pkts, if_out_multicast_pkts, if_out_broadcast_pkts, if_out_discards, if_out_errors, if_promiscuous_mode, dot3_stats_alignment_errors, dot3_stats_fcs_errors, dot3_stats_single_collision_frames, dot3_stats_multiple_collision_frames, dot3_stats_sqe_test_errors, dot3_stats_deferred_transmissions, dot3_stats_late_collisions, dot3_stats_excessive_collisions, dot3_stats_internal_mac_transmit_errors, dot3_stats_carrier_sense_errors, dot3_stats_frame_too_longs, dot3_stats_internal_mac_receive_errors, dot3_stats_symbol_errors)
SELECT c.host_id, c.if_index, c.ts, c.port_name, c.if_type, c.if_speed, c.if_direction, c.if_status, c.if_in_octets, c.if_in_ucast_pkts, c.if_in_multicast_pkts, c.if_in_broadcast_pkts, c.if_in_discards, c.if_in_errors, c.if_in_unknown_protos, c.if_out_octets, c.if_out_ucast_pkts, c.if_out_multicast_pkts, c.if_out_broadcast_pkts, c.if_out_discards, c.if_out_errors, c.if_promiscuous_mode, c.dot3_stats_alignment_errors, c.dot3_stats_fcs_errors, c.dot3_stats_single_collision_frames, c.dot3_stats_multiple_collision_frames, c.dot3_stats_sqe_test_errors, c.dot3_stats_deferred_transmissions, c.dot3_stats_late_collisions, c.dot3_stats_excessive_collisions, c.dot3_stats_internal_mac_transmit_errors, c.dot3_stats_carrier_sense_errors, c.dot3_stats_frame_too_longs, c.dot3_stats_internal_mac_receive_errors, c.dot3_stats_symbol_errors
FROM (SELECT s.host_id, s.if_index, s.ts, s.port_name, s.if_type, s.if_speed, s.if_direction, s.if_status, s.if_in_octets, s.if_in_ucast_pkts, s.if_in_multicast_pkts, s.if_in_broadcast_pkts, s.if_in_discards, s.if_in_errors, s.if_in_unknown_protos, s.if_out_octets, s.if_out_ucast_pkts, s.if_out_multicast_pkts, s.if_out_broadcast_pkts, s.if_out_discards, s.if_out_errors, s.if_promiscuous_mode, s.dot3_stats_alignment_errors, s.dot3_stats_fcs_errors, s.dot3_stats_single_collision_frames, s.dot3_stats_multiple_collision_frames, s.dot3_stats_sqe_test_errors, s.dot3_stats_deferred_transmissions, s.dot3_stats_late_collisions, s.dot3_stats_excessive_collisions, s.dot3_stats_internal_mac_transmit_errors, s.dot3_stats_carrier_sense_errors, s.dot3_stats_frame_too_longs, s.dot3_stats_internal_mac_receive_errors, s.dot3_stats_symbol_errors, ROW_NUMBER() OVER (PARTITION BY s.host_id, s.if_index ORDER BY s.ts DESC) AS rn FROM (SELECT DISTINCT host_id, if_index FROM interface_sample) e
        JOIN interface_sample s ON s.host_id = e.host_id AND s.if_index = e.if_index AND s.ts >= COALESCE((SELECT x.ts FROM interface_sample x WHERE x.host_id = e.host_id AND x.if_index = e.if_index ORDER BY x.host_id DESC, x.if_index DESC, x.ts DESC OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY),
            (SELECT x.ts FROM interface_sample x WHERE x.host_id = e.host_id AND x.if_index = e.if_index ORDER BY x.host_id DESC, x.if_index DESC, x.ts DESC OFFSET 0 ROWS FETCH NEXT 1 ROW ONLY))) c
WHERE c.rn = 1;

MERGE INTO interface_latest t
USING (SELECT r.host_id, r.if_index, r.ts, r.port_name, r.if_type, r.if_speed, r.if_direction, r.if_status, r.if_in_octets, r.if_in_ucast_pkts, r.if_in_multicast_pkts, r.if_in_broadcast_pkts, r.if_in_discards, r.if_in_errors, r.if_in_unknown_protos, r.if_out_octets, r.if_out_ucast_pkts, r.if_out_multicast_pkts, r.if_out_broadcast_pkts, r.if_out_discards, r.if_out_errors, r.if_promiscuous_mode, r.dot3_stats_alignment_errors, r.dot3_stats_fcs_errors, r.dot3_stats_single_collision_frames, r.dot3_stats_multiple_collision_frames, r.dot3_stats_sqe_test_errors, r.dot3_stats_deferred_transmissions, r.dot3_stats_late_collisions, r.dot3_stats_excessive_collisions, r.dot3_stats_internal_mac_transmit_errors, r.dot3_stats_carrier_sense_errors, r.dot3_stats_frame_too_longs, r.dot3_stats_internal_mac_receive_errors, r.dot3_stats_symbol_errors FROM (SELECT s.host_id, s.if_index, s.ts, s.port_name, s.if_type, s.if_speed, s.if_direction, s.if_status, s.if_in_octets, s.if_in_ucast_pkts, s.if_in_multicast_pkts, s.if_in_broadcast_pkts, s.if_in_discards, s.if_in_errors, s.if_in_unknown_protos, s.if_out_octets, s.if_out_ucast_pkts, s.if_out_multicast_pkts, s.if_out_broadcast_pkts, s.if_out_discards, s.if_out_errors, s.if_promiscuous_mode, s.dot3_stats_alignment_errors, s.dot3_stats_fcs_errors, s.dot3_stats_single_collision_frames, s.dot3_stats_multiple_collision_frames, s.dot3_stats_sqe_test_errors, s.dot3_stats_deferred_transmissions, s.dot3_stats_late_collisions, s.dot3_stats_excessive_collisions, s.dot3_stats_internal_mac_transmit_errors, s.dot3_stats_carrier_sense_errors, s.dot3_stats_frame_too_longs, s.dot3_stats_internal_mac_receive_errors, s.dot3_stats_symbol_errors, ROW_NUMBER() OVER (PARTITION BY s.host_id, s.if_index ORDER BY s.ts DESC) AS rn FROM (SELECT DISTINCT host_id, if_index FROM interface_sample) e
            JOIN interface_sample s ON s.host_id = e.host_id AND s.if_index = e.if_index AND s.ts >= COALESCE((SELECT x.ts FROM interface_sample x WHERE x.host_id = e.host_id AND x.if_index = e.if_index ORDER BY x.host_id DESC, x.if_index DESC, x.ts DESC OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY),
                (SELECT x.ts FROM interface_sample x WHERE x.host_id = e.host_id AND x.if_index = e.if_index ORDER BY x.host_id DESC, x.if_index DESC, x.ts DESC OFFSET 0 ROWS FETCH NEXT 1 ROW ONLY))) r WHERE r.rn = 2) p
ON t.host_id = p.host_id AND t.if_index = p.if_index
WHEN MATCHED THEN UPDATE SET prev_ts = p.ts, prev_port_name = p.port_name, prev_if_type = p.if_type, prev_if_speed = p.if_speed, prev_if_direction = p.if_direction, prev_if_status = p.if_status, prev_if_in_octets = p.if_in_octets, prev_if_in_ucast_pkts = p.if_in_ucast_pkts, prev_if_in_multicast_pkts = p.if_in_multicast_pkts, prev_if_in_broadcast_pkts = p.if_in_broadcast_pkts, prev_if_in_discards = p.if_in_discards, prev_if_in_errors = p.if_in_errors, prev_if_in_unknown_protos = p.if_in_unknown_protos, prev_if_out_octets = p.if_out_octets, prev_if_out_ucast_pkts = p.if_out_ucast_pkts, prev_if_out_multicast_pkts = p.if_out_multicast_pkts, prev_if_out_broadcast_pkts = p.if_out_broadcast_pkts, prev_if_out_discards = p.if_out_discards, prev_if_out_errors = p.if_out_errors, prev_if_promiscuous_mode = p.if_promiscuous_mode, prev_dot3_stats_alignment_errors = p.dot3_stats_alignment_errors, prev_dot3_stats_fcs_errors = p.dot3_stats_fcs_errors, prev_dot3_stats_single_collision_frames = p.dot3_stats_single_collision_frames, prev_dot3_stats_multiple_collision_frames = p.dot3_stats_multiple_collision_frames, prev_dot3_stats_sqe_test_errors = p.dot3_stats_sqe_test_errors, prev_dot3_stats_deferred_transmissions = p.dot3_stats_deferred_transmissions, prev_dot3_stats_late_collisions = p.dot3_stats_late_collisions, prev_dot3_stats_excessive_collisions = p.dot3_stats_excessive_collisions, prev_dot3_stats_internal_mac_transmit_errors = p.dot3_stats_internal_mac_transmit_errors, prev_dot3_stats_carrier_sense_errors = p.dot3_stats_carrier_sense_errors, prev_dot3_stats_frame_too_longs = p.dot3_stats_frame_too_longs, prev_dot3_stats_internal_mac_receive_errors = p.dot3_stats_internal_mac_receive_errors, prev_dot3_stats_symbol_errors = p.dot3_stats_symbol_errors;
