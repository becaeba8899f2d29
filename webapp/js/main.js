// The router: #/ fleet, #/node/IP, #/vm/UUID, #/collector. Each view draws into <main> and
// returns what stops its live updates when another view is opened.

import { call } from './api.js';
import { h } from './dom.js';
import { Live } from './push.js';
import { setServerTime } from './fleetstate.js';
import * as fleet from './views/fleet.js';
import * as node from './views/node.js';
import * as vm from './views/vm.js';
import * as collector from './views/collector.js';

let current = document.getElementById('view');
const liveBadge = document.getElementById('live');
const live = new Live((state) => {
  liveBadge.textContent = state;
  liveBadge.dataset.state = state;
});
let stop = () => {};
let generation = 0;

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'node': return { name: 'node', open: (v) => node.render(v, live, parts[1]) };
    case 'vm': return { name: 'vm', open: (v) => vm.render(v, live, parts[1]) };
    case 'collector': return { name: 'collector', open: (v) => collector.render(v, live) };
    default: return { name: 'fleet', open: (v) => fleet.render(v, live) };
  }
}

async function show() {
  stop();
  stop = () => {};
  const mine = ++generation;
  const r = route();
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    a.toggleAttribute('aria-current', a.dataset.view === r.name);
  }
  const fresh = h('main', { id: 'view', tabindex: '-1', 'data-view': r.name });
  current.replaceWith(fresh);
  current = fresh;
  try {
    // the collector's clock first: "silent" and "ago" are measured against it
    setServerTime((await call('collector.status', { agent: '-' })).time);
    const stopper = await r.open(fresh);
    if (mine !== generation) {
      if (stopper) stopper();
      return;
    }
    stop = stopper || (() => {});
  } catch (e) {
    if (mine === generation) {
      fresh.append(h('p', { class: 'error', role: 'alert' }, `Could not load this view: ${e.message}`));
      console.warn(e);
    }
  }
}

window.addEventListener('hashchange', () => show());
show();
