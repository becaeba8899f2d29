// What the views share: the server's clock, whether an agent is silent, and the hash links.

let offset = 0;

/** Aligns to the collector's clock (collector.status "time"): sample times are the collector's. */
export function setServerTime(serverMs) {
  offset = serverMs - Date.now();
}

export function serverNow() {
  return Date.now() + offset;
}

/** Silent: the collector's judgement (entity.silent.intervals polling intervals without a sample). */
export function silent(row) {
  return row.reporting === false;
}

export const nodeLink = (ip) => `#/node/${encodeURIComponent(ip)}`;
export const vmLink = (uuid) => `#/vm/${encodeURIComponent(uuid)}`;
