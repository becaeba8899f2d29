// One node: its figures now, charts over an hour (raw, live) up to a year (rollups), its adapters and its VMs.

import { call } from '../api.js';
import { h, clear, factList } from '../dom.js';
import * as f from '../format.js';
import { Chart } from '../chart.js';
import * as s from '../series.js';
import { serverNow, silent } from '../fleetstate.js';
import { vmTable } from './fleet.js';
import { ROLLUP_RANGES, rangeButtons, fetchSeries } from './ranges.js';

const MEMORY_FIELDS = ['mem_total', 'mem_free', 'mem_buffers', 'mem_cached'];
const LOADS = ['cpu_load_one', 'cpu_load_five', 'cpu_load_fifteen'];

function charts() {
  return {
    cpu: new Chart({ title: 'CPU %', series: [{ label: 'busy' }, { label: 'lowest', faint: true },
      { label: 'highest', faint: true }], band: [3, 2], format: (v) => `${v.toFixed(0)} %`, yRange: [0, 100] }),
    load: new Chart({ title: 'Load', series: [{ label: '1 min' }, { label: '5 min' }, { label: '15 min' }],
      format: (v) => v.toFixed(1) }),
    memory: new Chart({ title: 'Memory', series: [{ label: 'used' }, { label: 'total' }], format: f.bytes }),
    disk: new Chart({ title: 'Disk I/O', series: [{ label: 'read' }, { label: 'written' }], format: f.rate }),
    net: new Chart({ title: 'Network', series: [{ label: 'in' }, { label: 'out' }], format: f.rate }),
  };
}

/** Per second between two raw rows, or the bucket's average rate of a rollup row. */
function rates(series, fields) {
  return series.rollup ? s.gauges(series.rows, (r) => fields.map((k) => r[`${k}_avg`]), fields.length)
    : s.columns(series.rows, (p, q) => fields.map((k) => s.perSecond(p, q, k, true)), fields.length);
}

/**
 * The points of each chart over the range: raw samples for the hour, rollup buckets past it
 * (their averages; CPU % shaded from the lowest to the highest of each bucket). Says which.
 */
async function load(ip, range, c, resolution, current) {
  const who = { ip };
  const [cpu, memory, disk, net] = await Promise.all([
    fetchSeries('host.cpu', who, range, s.HOST_CPU_FIELDS, ['cpu_utilisation', ...LOADS]),
    fetchSeries('host.memory', who, range, ['timestamp', ...MEMORY_FIELDS], MEMORY_FIELDS),
    fetchSeries('host.disk', who, range, ['timestamp', 'bytes_read', 'bytes_written'], ['bytes_read', 'bytes_written']),
    fetchSeries('host.net', who, range, ['timestamp', 'bytes_in', 'bytes_out'], ['bytes_in', 'bytes_out']),
  ]);
  if (!current()) return; // another range was chosen meanwhile
  // past the hour the time axis spans the whole range, however few buckets there are yet
  const now = serverNow() / 1000;
  const span = range.rollup ? [now - range.ms / 1000, now] : null;
  const avg = cpu.rollup ? '_avg' : '';
  c.cpu.setData(cpu.rollup ? s.gauges(cpu.rows, (r) => [r.cpu_utilisation_avg, r.cpu_utilisation_min,
    r.cpu_utilisation_max], 3) : s.columns(cpu.rows, (p, q) => [s.cpuPercent(p, q), null, null], 3), span);
  c.load.setData(s.gauges(cpu.rows, (r) => LOADS.map((k) => r[k + avg]).map((v) => (v < 0 ? null : v)), 3), span);
  const mem = memory.rollup ? '_avg' : '';
  c.memory.setData(s.gauges(memory.rows, (r) => [s.memoryUsed(r, mem), r[`mem_total${mem}`]], 2), span);
  c.disk.setData(rates(disk, ['bytes_read', 'bytes_written']), span);
  c.net.setData(rates(net, ['bytes_in', 'bytes_out']), span);
  const tier = cpu.rollup && cpu.rows.length ? cpu.rows[0].interval : null;
  resolution.textContent = !cpu.rollup ? 'Raw samples.'
    : tier ? `Averages of ${tier} buckets (rollup tier ${tier}); CPU shaded from each bucket's lowest to highest.`
      : 'No rollup buckets in this range yet (a bucket is written when it closes).';
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
  let range = ROLLUP_RANGES[0];
  let shown = 0;
  const show = (r) => {
    const mine = ++shown;
    return load(ip, r, c, resolution, () => mine === shown);
  };
  const resolution = h('p', { class: 'note', 'data-resolution': '' });
  const chartGrid = h('div', { class: 'charts' }, Object.values(c).map((x) => x.element));
  view.append(
    h('nav', { class: 'crumbs', 'aria-label': 'breadcrumb' }, h('a', { href: '#/' }, 'Fleet'), ' › ', d.hostname || ip),
    h('h1', {}, d.hostname || ip, ' ', h('span', { class: 'sub' }, ip)),
    factsHolder,
    rangeButtons((r) => { range = r; show(r); }, ROLLUP_RANGES),
    resolution,
    chartGrid,
    h('h2', {}, 'VMs on this node'), vms.element,
    h('h2', {}, 'Adapters'), adapters(d.adapters),
  );
  await Promise.all([show(range), call('virt.summary', { ip }).then((rows) => vms.setRows(rows))]);
  view.dataset.ready = 'true';
  const stopNode = live.subscribe('node', { ip }, (rows) => {
    if (!rows.length) return;
    clear(factsHolder).append(facts(d, rows[0]));
    if (range === ROLLUP_RANGES[0]) append(c, rows[0]);
    view.dataset.updates = String(Number(view.dataset.updates || 0) + 1);
  });
  const stopVms = live.subscribe('vm', { ip }, (rows) => vms.setRows(rows));
  return () => { stopNode(); stopVms(); };
}
