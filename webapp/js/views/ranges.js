// The time ranges of the charts and the rows behind them.

import { call } from '../api.js';
import { h } from '../dom.js';
import { serverNow } from '../fleetstate.js';

const HOUR = 3600000;
const DAY = 24 * HOUR;
/** Raw samples: what the VM view charts, and the node view's live hour. */
export const RANGES = [
  { label: 'Hour', ms: HOUR },
  { label: 'Day', ms: DAY },
  { label: 'Week', ms: 7 * DAY },
];
/** The node view: past the hour, the rollup tiers (interval "auto": at most about 1,500 rows a chart). */
export const ROLLUP_RANGES = [
  RANGES[0],
  { label: 'Day', ms: DAY, rollup: true },
  { label: 'Week', ms: 7 * DAY, rollup: true },
  { label: 'Month', ms: 30 * DAY, rollup: true },
  { label: 'Year', ms: 365 * DAY, rollup: true },
];
const MAX_ROWS = 50000;

/** The newest rows over the range, oldest first. */
export async function fetchRows(method, who, range, fields) {
  const rows = await call(method, { ...who, time_from: Math.round(serverNow() - range.ms), limit: MAX_ROWS,
    sortorder: 'DESC', output: fields });
  return rows.reverse();
}

/**
 * The rows of a range, oldest first, and whether they are rollup buckets (fields <measure>_min,
 * _avg, _max of the measures asked for) or raw samples: "auto" falls back to raw samples where no
 * tier is configured; then the raw fields are asked for.
 */
export async function fetchSeries(method, who, range, rawFields, measures) {
  if (range.rollup) {
    const rows = await call(method, { ...who, time_from: Math.round(serverNow() - range.ms), limit: MAX_ROWS,
      sortorder: 'DESC', interval: 'auto', output: ['timestamp', 'interval', ...measures] }).catch((e) => {
      if (e.code === -32602) return null; // auto chose raw samples, which lack a rollup-only measure
      throw e;
    });
    if (rows && !(rows.length && rows[0].interval === 'raw')) return { rollup: true, rows: rows.reverse() };
  }
  return { rollup: false, rows: await fetchRows(method, who, range, rawFields) };
}

export function rangeButtons(choose, ranges = RANGES) {
  const group = h('div', { class: 'ranges', role: 'group', 'aria-label': 'time range' });
  ranges.forEach((r, i) => {
    group.append(h('button', { type: 'button', 'aria-pressed': i === 0 ? 'true' : 'false', onclick: (e) => {
      for (const b of group.children) b.setAttribute('aria-pressed', 'false');
      e.currentTarget.setAttribute('aria-pressed', 'true');
      choose(r);
    } }, r.label));
  });
  return group;
}
