// Time series for the charts from the API's raw rows: rates from counters (a 32-bit counter
// that wrapped once is unwrapped; one that went back is a gap), computed as host.summary and
// virt.summary compute them, so a chart and the summary tables agree.

const WRAP32 = 2 ** 32;

export function delta(prev, cur, wide) {
  if (prev === null || cur === null || prev === undefined || cur === undefined) return null;
  const d = cur - prev;
  if (d >= 0) return d;
  return !wide && prev < WRAP32 && cur < WRAP32 ? d + WRAP32 : null;
}

const CPU_TIMES = ['cpu_user', 'cpu_nice', 'cpu_system', 'cpu_idle', 'cpu_waiting_io', 'cpu_intr', 'cpu_sintr'];
export const HOST_CPU_FIELDS = ['timestamp', ...CPU_TIMES, 'cpu_steal', 'cpu_num',
  'cpu_load_one', 'cpu_load_five', 'cpu_load_fifteen'];

/** Busy share of all CPU time between two host.cpu rows (idle and I/O wait are not busy). */
export function cpuPercent(prev, cur) {
  let total = 0;
  let idle = 0;
  for (const c of CPU_TIMES) {
    const d = delta(prev[c], cur[c], false);
    if (d === null) return null;
    total += d;
    if (c === 'cpu_idle' || c === 'cpu_waiting_io') idle += d;
  }
  total += delta(prev.cpu_steal, cur.cpu_steal, false) ?? 0;
  const interval = cur.timestamp - prev.timestamp;
  if (total === 0 || (cur.cpu_num && total > 2 * interval * cur.cpu_num)) return null;
  return (100 * (total - idle)) / total;
}

/** Per second between two rows, or null (a gap). */
export function perSecond(prev, cur, field, wide) {
  const d = delta(prev[field], cur[field], wide);
  const seconds = (cur.timestamp - prev.timestamp) / 1000;
  return d === null || seconds <= 0 ? null : d / seconds;
}

/**
 * uPlot's column data: [times in s, ...one array per derived series]. derive(prev, cur) gives
 * the values of one point; the first row, having no predecessor, gives none.
 */
export function columns(rows, derive, width) {
  const out = Array.from({ length: width + 1 }, () => []);
  for (let i = 1; i < rows.length; i++) {
    const values = derive(rows[i - 1], rows[i]);
    out[0].push(rows[i].timestamp / 1000);
    values.forEach((v, k) => out[k + 1].push(v === undefined ? null : v));
  }
  return out;
}

/** Gauges: one point per row. */
export function gauges(rows, pick, width) {
  const out = Array.from({ length: width + 1 }, () => []);
  for (const row of rows) {
    out[0].push(row.timestamp / 1000);
    pick(row).forEach((v, k) => out[k + 1].push(v === undefined ? null : v));
  }
  return out;
}

/**
 * Used memory without buffers and page cache, as host.summary's mem_utilisation; suffix '_avg'
 * reads a rollup row's averages (a difference of averages is the average of the differences).
 */
export function memoryUsed(row, suffix = '') {
  const [total, free, buffers, cached] = ['mem_total', 'mem_free', 'mem_buffers', 'mem_cached'].map((k) => row[k + suffix]);
  if (total === null || total === undefined || free === null || free === undefined) return null;
  return Math.max(0, total - free - (buffers ?? 0) - (cached ?? 0));
}
