// One VM: vCPU-normalised CPU %, memory, disk, network from the VM's side, and the nodes it ran on.

import { call } from '../api.js';
import { h, clear, factList } from '../dom.js';
import * as f from '../format.js';
import { Chart } from '../chart.js';
import * as s from '../series.js';
import { serverNow, nodeLink } from '../fleetstate.js';
import { RANGES, rangeButtons, fetchRows } from './ranges.js';

function charts() {
  return {
    cpu: new Chart({ title: 'vCPU %', series: [{ label: 'busy of all vCPUs' }], format: (v) => `${v.toFixed(0)} %`,
      yRange: [0, 100] }),
    memory: new Chart({ title: 'Memory', series: [{ label: 'given' }, { label: 'maximum' }], format: f.bytes }),
    disk: new Chart({ title: 'Disk I/O', series: [{ label: 'read' }, { label: 'written' }], format: f.rate }),
    net: new Chart({ title: 'Network (VM side)', series: [{ label: 'sent by VM' }, { label: 'received by VM' }],
      format: f.rate }),
  };
}

/** Same node and a positive interval: a migration or a restart is a gap, as in virt.summary. */
const sameNode = (p, q) => p.host_ip === q.host_ip;

function vcpuPercent(p, q) {
  const d = s.delta(p.vcpu_cpu_time, q.vcpu_cpu_time, false);
  const ms = q.timestamp - p.timestamp;
  if (!sameNode(p, q) || d === null || !q.vcpu_cpu_count || ms <= 0) return null;
  const v = (100 * d) / (ms * q.vcpu_cpu_count);
  return v > 200 ? null : v;
}

/** Where the VM ran: one stretch per node, from the cpu rows (each carries the node of its sample). */
export function placements(rows) {
  const out = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.host_ip === r.host_ip) {
      last.till = r.timestamp;
    } else {
      out.push({ host_ip: r.host_ip, from: r.timestamp, till: r.timestamp });
    }
  }
  return out;
}

function placementList(list) {
  if (!list.length) return h('p', { class: 'note' }, 'No samples in this range.');
  return h('table', { class: 'data small', 'aria-label': 'nodes the VM ran on' },
    h('thead', {}, h('tr', {}, ['Node', 'From', 'Until'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.slice().reverse().map((p) => h('tr', {}, h('td', {}, h('a', { href: nodeLink(p.host_ip) }, p.host_ip)),
      h('td', {}, f.time(p.from)), h('td', {}, f.time(p.till))))));
}

async function load(uuid, range, c, placementHolder) {
  const who = { uuid };
  const [cpu, memory, disk, net] = await Promise.all([
    fetchRows('virt.cpu', who, range, ['host_ip', 'timestamp', 'vcpu_cpu_time', 'vcpu_cpu_count']),
    fetchRows('virt.memory', who, range, ['host_ip', 'timestamp', 'vmem_memory', 'vmem_max_memory']),
    fetchRows('virt.disk', who, range, ['host_ip', 'timestamp', 'vdsk_rd_bytes', 'vdsk_wr_bytes']),
    fetchRows('virt.net', who, range, ['host_ip', 'timestamp', 'vnio_bytes_in', 'vnio_bytes_out']),
  ]);
  const moved = (p, q, v) => (sameNode(p, q) ? v : null);
  c.cpu.setData(s.columns(cpu, (p, q) => [vcpuPercent(p, q)], 1));
  c.memory.setData(s.gauges(memory, (r) => [r.vmem_memory, r.vmem_max_memory], 2));
  c.disk.setData(s.columns(disk, (p, q) => [moved(p, q, s.perSecond(p, q, 'vdsk_rd_bytes', true)),
    moved(p, q, s.perSecond(p, q, 'vdsk_wr_bytes', true))], 2));
  // hsflowd counts on the node's tap device: its "in" is what the VM sent
  c.net.setData(s.columns(net, (p, q) => [moved(p, q, s.perSecond(p, q, 'vnio_bytes_in', true)),
    moved(p, q, s.perSecond(p, q, 'vnio_bytes_out', true))], 2));
  clear(placementHolder).append(placementList(placements(cpu)));
}

function append(c, row) {
  c.cpu.append(row.timestamp, [row.vcpu_utilisation]);
  c.memory.append(row.timestamp, [row.vmem_memory, row.vmem_max_memory]);
  c.disk.append(row.timestamp, [row.vdsk_rd_bytes_per_second, row.vdsk_wr_bytes_per_second]);
  c.net.append(row.timestamp, [row.vnio_bytes_sent_per_second, row.vnio_bytes_received_per_second]);
}

function facts(d, sm) {
  const rows = [
    ['Name', d.name], ['UUID', d.uuid], ['State', sm ? sm.state : d.state],
    ['Node', h('a', { href: nodeLink(d.host_ip) }, `${d.node_hostname ?? ''} ${d.host_ip}`)],
    ['vCPUs', sm ? sm.vcpu_cpu_count : null], ['vCPU', sm ? f.percent(sm.vcpu_utilisation) : null],
    ['Memory', sm ? `${f.bytes(sm.vmem_memory)} of ${f.bytes(sm.vmem_max_memory)}` : null],
    ['Disk', sm ? `${f.bytes(sm.vdsk_allocation)} of ${f.bytes(sm.vdsk_capacity)}` : null],
    ['Last sample', sm ? f.ago(sm.timestamp, serverNow()) : null], ['First seen', f.time(d.first_seen)],
  ];
  return factList(rows);
}

export async function render(view, live, uuid) {
  const [descriptions, summaries] = await Promise.all([call('virt.description', { uuid }), call('virt.summary', { uuid })]);
  if (!descriptions.length) {
    view.append(h('h1', {}, uuid), h('p', { class: 'note' }, 'No VM with this UUID.'));
    return () => {};
  }
  const d = descriptions[0];
  const c = charts();
  const factsHolder = h('div', {}, facts(d, summaries[0]));
  const placementHolder = h('div', {});
  let range = RANGES[0];
  view.append(
    h('nav', { class: 'crumbs', 'aria-label': 'breadcrumb' }, h('a', { href: '#/' }, 'Fleet'), ' › ',
      h('a', { href: nodeLink(d.host_ip) }, d.node_hostname || d.host_ip), ' › ', d.name || uuid),
    h('h1', {}, d.name || uuid, ' ', h('span', { class: 'sub' }, uuid)),
    factsHolder,
    rangeButtons((r) => { range = r; load(uuid, r, c, placementHolder); }),
    h('div', { class: 'charts' }, Object.values(c).map((x) => x.element)),
    h('h2', {}, 'Nodes it ran on'), placementHolder,
  );
  await load(uuid, range, c, placementHolder);
  view.dataset.ready = 'true';
  return live.subscribe('vm', { uuid }, (rows) => {
    if (!rows.length) return;
    clear(factsHolder).append(facts(d, rows[0]));
    if (range === RANGES[0]) append(c, rows[0]);
    view.dataset.updates = String(Number(view.dataset.updates || 0) + 1);
  });
}
