// One node: its figures now, charts over an hour, a day or a week, its adapters and its VMs.

import { call } from '../api.js';
import { h, clear, factList } from '../dom.js';
import * as f from '../format.js';
import { Chart } from '../chart.js';
import * as s from '../series.js';
import { serverNow, silent } from '../fleetstate.js';
import { vmTable } from './fleet.js';
import { RANGES, rangeButtons, fetchRows } from './ranges.js';

function charts() {
  return {
    cpu: new Chart({ title: 'CPU %', series: [{ label: 'busy' }], format: (v) => `${v.toFixed(0)} %`, yRange: [0, 100] }),
    load: new Chart({ title: 'Load', series: [{ label: '1 min' }, { label: '5 min' }, { label: '15 min' }],
      format: (v) => v.toFixed(1) }),
    memory: new Chart({ title: 'Memory', series: [{ label: 'used' }, { label: 'total' }], format: f.bytes }),
    disk: new Chart({ title: 'Disk I/O', series: [{ label: 'read' }, { label: 'written' }], format: f.rate }),
    net: new Chart({ title: 'Network', series: [{ label: 'in' }, { label: 'out' }], format: f.rate }),
  };
}

/** The points of each chart from the node's rows over the range. */
async function load(ip, range, c) {
  const [cpu, memory, disk, net] = await Promise.all([
    fetchRows('host.cpu', { ip }, range, s.HOST_CPU_FIELDS),
    fetchRows('host.memory', { ip }, range, ['timestamp', 'mem_total', 'mem_free', 'mem_buffers', 'mem_cached']),
    fetchRows('host.disk', { ip }, range, ['timestamp', 'bytes_read', 'bytes_written']),
    fetchRows('host.net', { ip }, range, ['timestamp', 'bytes_in', 'bytes_out']),
  ]);
  c.cpu.setData(s.columns(cpu, (p, q) => [s.cpuPercent(p, q)], 1));
  c.load.setData(s.gauges(cpu, (r) => [r.cpu_load_one, r.cpu_load_five, r.cpu_load_fifteen]
    .map((v) => (v < 0 ? null : v)), 3));
  c.memory.setData(s.gauges(memory, (r) => [s.memoryUsed(r), r.mem_total], 2));
  c.disk.setData(s.columns(disk, (p, q) => [s.perSecond(p, q, 'bytes_read', true),
    s.perSecond(p, q, 'bytes_written', true)], 2));
  c.net.setData(s.columns(net, (p, q) => [s.perSecond(p, q, 'bytes_in', true),
    s.perSecond(p, q, 'bytes_out', true)], 2));
}

/** A live point from a host.summary row: the same quantities, computed by the server. */
function append(c, row) {
  const used = row.mem_total === null || row.mem_utilisation === null ? null : (row.mem_total * row.mem_utilisation) / 100;
  c.cpu.append(row.timestamp, [row.cpu_utilisation]);
  c.load.append(row.timestamp, [row.cpu_load_one, row.cpu_load_five, row.cpu_load_fifteen].map((v) => (v < 0 ? null : v)));
  c.memory.append(row.timestamp, [used, row.mem_total]);
  c.disk.append(row.timestamp, [row.bytes_read_per_second, row.bytes_written_per_second]);
  c.net.append(row.timestamp, [row.bytes_in_per_second, row.bytes_out_per_second]);
}

function facts(description, summary) {
  const now = serverNow();
  const rows = [
    ['Agent', description.host_ip], ['Host name', description.hostname], ['UUID', description.uuid],
    ['OS', `${description.os_name ?? '—'} ${description.os_release ?? ''}`], ['Machine', description.machine_type],
    ['CPUs', summary ? summary.cpu_num : null], ['CPU', summary ? f.percent(summary.cpu_utilisation) : null],
    ['Memory', summary ? `${f.percent(summary.mem_utilisation)} of ${f.bytes(summary.mem_total)}` : null],
    ['Fullest partition', summary ? f.percent(summary.part_max_used) : null],
    ['Uptime', summary && summary.cpu_uptime ? `${Math.round(summary.cpu_uptime / 3600)} h` : null],
    ['Last sample', summary ? `${f.ago(summary.timestamp, now)}${silent(summary) ? ' (silent)' : ''}` : null],
    ['First seen', f.time(description.first_seen)],
  ];
  return factList(rows);
}

function adapters(list) {
  if (!list || !list.length) return h('p', { class: 'note' }, 'No adapters reported.');
  return h('table', { class: 'data small', 'aria-label': 'adapters' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'ifIndex'), h('th', { scope: 'col' }, 'MAC addresses'))),
    h('tbody', {}, list.map((a) => h('tr', {}, h('td', {}, a.if_index), h('td', { class: 'mono' }, a.macs.join(', '))))));
}

export async function render(view, live, ip) {
  const [descriptions, summaries] = await Promise.all([call('host.description', { ip }), call('host.summary', { ip })]);
  if (!descriptions.length) {
    view.append(h('h1', {}, ip), h('p', { class: 'note' }, 'No node with this agent address.'));
    return () => {};
  }
  const d = descriptions[0];
  const c = charts();
  const vms = vmTable(300);
  const factsHolder = h('div', {}, facts(d, summaries[0]));
  let range = RANGES[0];
  const chartGrid = h('div', { class: 'charts' }, Object.values(c).map((x) => x.element));
  view.append(
    h('nav', { class: 'crumbs', 'aria-label': 'breadcrumb' }, h('a', { href: '#/' }, 'Fleet'), ' › ', d.hostname || ip),
    h('h1', {}, d.hostname || ip, ' ', h('span', { class: 'sub' }, ip)),
    factsHolder,
    rangeButtons((r) => { range = r; load(ip, r, c); }),
    chartGrid,
    h('h2', {}, 'VMs on this node'), vms.element,
    h('h2', {}, 'Adapters'), adapters(d.adapters),
  );
  await Promise.all([load(ip, range, c), call('virt.summary', { ip }).then((rows) => vms.setRows(rows))]);
  view.dataset.ready = 'true';
  const stopNode = live.subscribe('node', { ip }, (rows) => {
    if (!rows.length) return;
    clear(factsHolder).append(facts(d, rows[0]));
    if (range === RANGES[0]) append(c, rows[0]);
    view.dataset.updates = String(Number(view.dataset.updates || 0) + 1);
  });
  const stopVms = live.subscribe('vm', { ip }, (rows) => vms.setRows(rows));
  return () => { stopNode(); stopVms(); };
}
