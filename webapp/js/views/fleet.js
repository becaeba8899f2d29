// The fleet: counts, every node as a tile coloured by CPU %, tables of nodes and of VMs.

import { call } from '../api.js';
import { h } from '../dom.js';
import * as f from '../format.js';
import { TileMap } from '../tiles.js';
import { VirtualTable, PagedTable, TextRanks } from '../table.js';
import { serverNow, silent, nodeLink, vmLink } from '../fleetstate.js';

/** What the tiles and counts need of every node: the fleet's live updates carry these and no more. */
const TILE_FIELDS = ['host_ip', 'hostname', 'cpu_utilisation', 'reporting'];
/** What the nodes table shows, a page at a time. */
const NODE_FIELDS = ['host_ip', 'hostname', 'timestamp', 'cpu_utilisation', 'cpu_load_one', 'mem_utilisation',
  'bytes_in_per_second', 'bytes_out_per_second', 'bytes_read_per_second', 'bytes_written_per_second',
  'vnode_num_domains', 'reporting'];
const VM_FIELDS = ['uuid', 'name', 'host_ip', 'state', 'timestamp', 'vcpu_utilisation', 'vmem_utilisation',
  'vnio_bytes_sent_per_second', 'vnio_bytes_received_per_second', 'vdsk_rd_bytes_per_second',
  'vdsk_wr_bytes_per_second', 'reporting'];
const VM_REFRESH_MS = 30000;

export const NODE_COLUMNS = [
  { key: 'hostname', label: 'Node', format: (v, r) => v || r.host_ip },
  { key: 'host_ip', label: 'Agent' },
  { key: 'cpu_utilisation', label: 'CPU', numeric: true, format: f.percent },
  { key: 'mem_utilisation', label: 'Memory', numeric: true, format: f.percent },
  { key: 'cpu_load_one', label: 'Load', numeric: true, format: (v) => f.number(v) },
  { key: 'bytes_in_per_second', label: 'Net in', numeric: true, format: f.rate },
  { key: 'bytes_out_per_second', label: 'Net out', numeric: true, format: f.rate },
  { key: 'bytes_read_per_second', label: 'Disk read', numeric: true, format: f.rate },
  { key: 'bytes_written_per_second', label: 'Disk write', numeric: true, format: f.rate },
  { key: 'vnode_num_domains', label: 'VMs', numeric: true, format: f.count },
  { key: 'timestamp', label: 'Last sample', numeric: true,
    format: (v, r) => `${f.ago(v, serverNow())}${silent(r) ? ', silent' : ''}` },
];

export const VM_COLUMNS = [
  { key: 'name', label: 'VM', format: (v, r) => v || r.uuid },
  { key: 'host_ip', label: 'Node' },
  { key: 'state', label: 'State' },
  { key: 'vcpu_utilisation', label: 'vCPU', numeric: true, format: f.percent },
  { key: 'vmem_utilisation', label: 'Memory', numeric: true, format: f.percent },
  { key: 'vnio_bytes_sent_per_second', label: 'Sent', numeric: true, format: f.rate },
  { key: 'vnio_bytes_received_per_second', label: 'Received', numeric: true, format: f.rate },
  { key: 'vdsk_rd_bytes_per_second', label: 'Disk read', numeric: true, format: f.rate },
  { key: 'vdsk_wr_bytes_per_second', label: 'Disk write', numeric: true, format: f.rate },
];

/**
 * Every node or VM of the fleet from a summary method, paged, sorted and searched (by name) by the
 * server: only the rows around the view are fetched.
 */
function fleetTable(method, fields, options) {
  return new PagedTable({ ...options, searchKeys: [], height: 420,
    fetchPage: ({ sortfield, sortorder, offset, limit, search }) => call(method, {
      output: fields, sortfield, sortorder, offset, limit, total: true,
      hostname: search ? `*${search}*` : undefined }) });
}

export function vmTable(height) {
  return new VirtualTable({ columns: VM_COLUMNS, rowKey: (r) => r.uuid, link: (r) => vmLink(r.uuid),
    searchKeys: ['name', 'uuid', 'host_ip', 'state'], label: 'VMs', sortKey: 'name', height });
}

function tile(label, id) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-value', id }, '—'), h('span', { class: 'stat-label' }, label));
}

export async function render(view, live) {
  const tiles = new TileMap({
    open: (node) => { location.hash = nodeLink(node.host_ip); },
    describe: (n) => `${n.hostname || n.host_ip} (${n.host_ip}): ${n.silent ? 'silent' : `CPU ${f.percent(n.cpu)}`}`,
  });
  const nodes = fleetTable('host.summary', NODE_FIELDS, { columns: NODE_COLUMNS, rowKey: (r) => r.host_ip,
    link: (r) => nodeLink(r.host_ip), label: 'nodes', sortKey: 'hostname' });
  const vms = fleetTable('virt.summary', VM_FIELDS, { columns: VM_COLUMNS, rowKey: (r) => r.uuid,
    link: (r) => vmLink(r.uuid), label: 'VMs', sortKey: 'name' });
  view.append(
    h('h1', {}, 'Fleet'),
    h('div', { class: 'stats' }, tile('nodes', 'count-nodes'), tile('VMs', 'count-vms'),
      tile('silent agents', 'count-silent'), tile('samples lost', 'count-lost')),
    h('section', { 'aria-label': 'node tiles' }, h('h2', {}, 'Nodes by CPU'), tiles.element,
      h('p', { class: 'legend' }, h('span', { class: 'swatch', style: 'background:hsl(120,65%,40%)' }), '0 %',
        h('span', { class: 'swatch', style: 'background:hsl(60,65%,40%)' }), '50 %',
        h('span', { class: 'swatch', style: 'background:hsl(0,65%,45%)' }), '100 %',
        h('span', { class: 'swatch', style: 'background:#9aa0a6' }), 'no CPU figure (no two comparable samples yet)',
        h('span', { class: 'swatch silent' }), 'silent (no sample for entity.silent.intervals polling intervals)')),
    h('h2', {}, 'Nodes'), nodes.element,
    h('h2', {}, 'VMs'), vms.element,
  );

  let vmsFetchedAt = 0;
  const tileOrder = new TextRanks();
  const showNodes = (rows) => {
    const name = (r) => String(r.hostname ?? r.host_ip);
    const ranks = tileOrder.of(rows.map(name));
    tiles.setNodes(rows.slice().sort((a, b) => ranks.get(name(a)) - ranks.get(name(b)))
      .map((r) => ({ host_ip: r.host_ip, hostname: r.hostname, cpu: r.cpu_utilisation, silent: silent(r) })));
    document.getElementById('count-nodes').textContent = f.count(rows.length);
    document.getElementById('count-silent').textContent = f.count(rows.filter((r) => silent(r)).length);
  };
  const showVms = () => {
    document.getElementById('count-vms').textContent = f.count(vms.total);
  };
  const refreshCounters = async () => {
    // an agent that never exists: the totals without 10,000 per-agent rows
    const status = await call('collector.status', { agent: '-' });
    document.getElementById('count-lost').textContent = f.count(status.ingest.counter_samples_lost
      + status.ingest.queue_drops + status.ingest.samples_over_entity_limit);
  };
  const refreshVms = async () => {
    vmsFetchedAt = Date.now();
    await vms.reload();
    showVms();
  };

  // the nodes first: 100,000 VMs must not hold up the tiles, the counts and the nodes table
  const [nodeRows] = await Promise.all([call('host.summary', { output: TILE_FIELDS }), refreshCounters(),
    nodes.reload()]);
  performance.mark('fleet-answered');
  showNodes(nodeRows);
  performance.mark('fleet-rendered');
  view.dataset.ready = 'true';
  refreshVms().then(() => {
    performance.mark('fleet-vms-rendered');
    view.dataset.vmsReady = 'true';
  }).catch((e) => console.warn('virt.summary', e.message));
  return live.subscribe('fleet', { output: TILE_FIELDS }, (rows) => {
    showNodes(rows);
    if (!nodes.loading()) nodes.reload().catch((e) => console.warn('host.summary', e.message));
    view.dataset.updates = String(Number(view.dataset.updates || 0) + 1);
    refreshCounters().catch((e) => console.warn('collector.status', e.message));
    if (Date.now() - vmsFetchedAt > VM_REFRESH_MS) refreshVms().catch((e) => console.warn('virt.summary', e.message));
  });
}
