// The time ranges of the charts and the rows behind them.

import { call } from '../api.js';
import { h } from '../dom.js';
import { serverNow } from '../fleetstate.js';

const HOUR = 3600000;
export const RANGES = [
  { label: 'Hour', ms: HOUR },
  { label: 'Day', ms: 24 * HOUR },
  { label: 'Week', ms: 7 * 24 * HOUR },
];
const MAX_ROWS = 50000;

/** The newest rows over the range, oldest first. */
export async function fetchRows(method, who, range, fields) {
  const rows = await call(method, { ...who, time_from: Math.round(serverNow() - range.ms), limit: MAX_ROWS,
    sortorder: 'DESC', output: fields });
  return rows.reverse();
}

export function rangeButtons(choose) {
  const group = h('div', { class: 'ranges', role: 'group', 'aria-label': 'time range' });
  RANGES.forEach((r, i) => {
    group.append(h('button', { type: 'button', 'aria-pressed': i === 0 ? 'true' : 'false', onclick: (e) => {
      for (const b of group.children) b.setAttribute('aria-pressed', 'false');
      e.currentTarget.setAttribute('aria-pressed', 'true');
      choose(r);
    } }, r.label));
  });
  return group;
}
