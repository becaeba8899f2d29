// The collector itself: datagrams and samples per second, queue depth, where samples are lost
// (by place and by agent), the writer's state, and every collector writing into the database
// (their heartbeat rows). collector.status is read every few seconds. An instance of role api
// has no ingest or writer of its own: its figures are the sums over the running collectors.
// It polls instead of subscribing to /push: the push's rounds run only after the writer has
// committed new samples, and this view matters most when nothing is being stored (a stalled or
// failing writer, datagrams no longer arriving, losses piling up), when a subscription would fall
// silent. collector.status reads counters in memory and one small table (the heartbeat rows), so
// a call per open tab every few seconds costs next to nothing; its answer changes every time
// (rates, times), so a subscription would save no bytes either.

import { call } from '../api.js';
import { h, clear, factList } from '../dom.js';
import * as f from '../format.js';
import { Chart } from '../chart.js';
import { VirtualTable } from '../table.js';
import { setServerTime } from '../fleetstate.js';

const POLL_MS = 2000;
/** The counters that are a loss, and what each means to a person. */
export const LOSSES = {
  datagrams_malformed: 'datagrams that did not decode',
  datagrams_partly_malformed: 'datagrams partly decoded',
  datagrams_disallowed: 'datagrams from agents not in agents.allow',
  datagrams_lost: 'datagrams missing in the sequence (lost on the way)',
  counter_samples_lost: 'counter samples missing in the sequence',
  samples_malformed: 'samples that did not decode',
  samples_without_identity: 'samples naming no node or VM',
  samples_over_entity_limit: 'samples over agent.max.vms / vms.max',
  queue_drops: 'samples dropped: writer queue full',
  write_errors: 'samples the database refused',
};

function lossesByPlace(ingest) {
  return h('table', { class: 'data small', 'aria-label': 'losses by place' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Where'), h('th', { scope: 'col', class: 'num' }, 'Count'))),
    h('tbody', {}, Object.entries(LOSSES).map(([k, label]) => h('tr', { class: ingest[k] ? 'bad' : '' },
      h('td', {}, label, ' ', h('code', {}, k)), h('td', { class: 'num' }, f.count(ingest[k] ?? 0))))));
}

function writerFacts(status) {
  const w = status.writer;
  const push = status.push || {};
  const rows = [
    ['Version', status.version], ['Up', `${Math.round(status.uptime_seconds / 60)} min`],
    ['Queue', `${f.count(w.queue_depth)} of ${f.count(w.queue_capacity)}`], ['Commits', f.count(w.commits)],
    ['Last commit', f.time(w.last_commit_at)],
    ['Writer fault', w.fault ? h('strong', { class: 'error' }, w.fault) : 'none'],
    ['Database', status.database.size_bytes >= 0 ? f.bytes(status.database.size_bytes) : 'server'],
    ['Heap', `${f.bytes(status.jvm.heap_used_bytes)} of ${f.bytes(status.jvm.heap_max_bytes)}`],
    ['Live clients', push.connections === undefined ? '—' : `${push.connections} (${push.subscriptions} subscriptions)`],
  ];
  return factList(rows);
}

/** The ingest counters and writer of an instance of role api: the sums over the running collectors' rows. */
function collectorsSum(status) {
  const running = (status.collectors || []).filter((c) => c.state === 'running');
  const sum = (key) => running.reduce((total, c) => total + (c.counters[key] ?? 0), 0);
  const ingest = {};
  running.forEach((c) => Object.keys(c.counters).forEach((k) => { ingest[k] = sum(k); }));
  const writer = { queue_depth: sum('queue_depth'), queue_capacity: sum('queue_capacity'), commits: sum('commits'),
    last_commit_at: Math.max(0, ...running.map((c) => c.counters.last_commit_at ?? 0)),
    fault: sum('writer_fault') ? 'a collector\'s database writes fail (see its log)' : null };
  return { ...status, ingest, writer };
}

function collectorRows(status) {
  return h('table', { class: 'data small', 'aria-label': 'collectors' },
    h('thead', {}, h('tr', {}, ['Collector', 'Host', 'State', 'Last heartbeat', 'Stored']
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, (status.collectors || []).map((c) => h('tr', { class: c.state === 'silent' ? 'bad' : '' },
      h('td', {}, c.instance_id), h('td', {}, c.host_name), h('td', {}, c.state),
      h('td', { class: 'num' }, f.time(c.last_heartbeat)),
      h('td', { class: 'num' }, f.count(c.counters.samples_stored ?? 0))))));
}

export async function render(view) {
  const rates = new Chart({ title: 'Per second', series: [{ label: 'datagrams' }, { label: 'samples stored' }],
    format: (v) => f.count(v) });
  const queue = new Chart({ title: 'Writer queue', series: [{ label: 'samples waiting' }], format: (v) => f.count(v) });
  const agents = new VirtualTable({
    columns: [{ key: 'agent', label: 'Agent' }, { key: 'lost', label: 'Lost', numeric: true, format: f.count },
      { key: 'datagrams_received', label: 'Datagrams', numeric: true, format: f.count },
      { key: 'samples_stored', label: 'Stored', numeric: true, format: f.count },
      { key: 'last_datagram_at', label: 'Last datagram', numeric: true, format: f.time }],
    rowKey: (r) => r.agent, link: () => null, searchKeys: ['agent'], label: 'agents', sortKey: 'lost',
    descending: true, height: 300 });
  const factsHolder = h('div', {});
  const placesHolder = h('div', {});
  const collectorsHolder = h('div', {});
  view.append(h('h1', {}, 'Collector'), factsHolder,
    h('div', { class: 'charts' }, rates.element, queue.element),
    h('h2', {}, 'Losses by place'), placesHolder, h('h2', {}, 'Collectors writing into the database'),
    collectorsHolder, h('h2', {}, 'Agents, most losses first'), agents.element);
  let previous = null;
  const poll = async () => {
    const answer = await call('collector.status');
    const status = answer.writer ? answer : collectorsSum(answer);
    setServerTime(status.time);
    clear(collectorsHolder).append(collectorRows(status));
    clear(factsHolder).append(writerFacts(status));
    clear(placesHolder).append(lossesByPlace(status.ingest));
    agents.setRows(status.agents.map((a) => ({ ...a,
      lost: Object.keys(LOSSES).reduce((sum, k) => sum + (a[k] ?? 0), 0) })));
    if (previous) {
      const seconds = (status.time - previous.time) / 1000;
      rates.append(status.time, [(status.ingest.datagrams_received - previous.ingest.datagrams_received) / seconds,
        (status.ingest.samples_stored - previous.ingest.samples_stored) / seconds]);
    }
    queue.append(status.time, [status.writer.queue_depth]);
    previous = status;
    view.dataset.ready = 'true';
  };
  await poll();
  const timer = setInterval(() => poll().catch((e) => console.warn('collector.status', e.message)), POLL_MS);
  return () => clearInterval(timer);
}
