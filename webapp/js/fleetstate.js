// What the views share: the server's clock, when an agent counts as silent, and the hash links.

let offset = 0;

/** Aligns to the collector's clock (collector.status "time"): sample times are the collector's. */
export function setServerTime(serverMs) {
  offset = serverMs - Date.now();
}

export function serverNow() {
  return Date.now() + offset;
}

const DEFAULT_INTERVAL_MS = 30000;
const MIN_SILENCE_MS = 15000;

/** Silent: no sample for more than three polling intervals (the server's "reporting" when it has one). */
export function silent(row, now) {
  if (typeof row.reporting === 'boolean') return !row.reporting;
  const interval = row.sample_interval || DEFAULT_INTERVAL_MS;
  return now - row.timestamp > Math.max(3 * interval, MIN_SILENCE_MS);
}

export const nodeLink = (ip) => `#/node/${encodeURIComponent(ip)}`;
export const vmLink = (uuid) => `#/vm/${encodeURIComponent(uuid)}`;
