// How numbers read on screen: one place for units and for "unknown" (—).

const DASH = '—';

export function percent(v) {
  return v === null || v === undefined ? DASH : `${v.toFixed(1)} %`;
}

export function number(v, digits = 2) {
  return v === null || v === undefined || v < 0 ? DASH : v.toFixed(digits);
}

export function count(v) {
  return v === null || v === undefined ? DASH : Math.round(v).toLocaleString('en');
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(v) {
  if (v === null || v === undefined) {
    return DASH;
  }
  let i = 0;
  let x = Number(v);
  while (Math.abs(x) >= 1024 && i < BYTE_UNITS.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x.toFixed(i === 0 ? 0 : 1)} ${BYTE_UNITS[i]}`;
}

export function rate(v) {
  return v === null || v === undefined ? DASH : `${bytes(v)}/s`;
}

export function perSecond(v) {
  return v === null || v === undefined ? DASH : `${v.toFixed(v < 10 ? 1 : 0)}/s`;
}

export function time(ms) {
  return ms ? new Date(ms).toLocaleString('en-GB') : DASH;
}

export function ago(ms, now) {
  if (!ms) {
    return DASH;
  }
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 120) {
    return `${s} s ago`;
  }
  if (s < 7200) {
    return `${Math.round(s / 60)} min ago`;
  }
  if (s < 172800) {
    return `${Math.round(s / 3600)} h ago`;
  }
  return `${Math.round(s / 86400)} d ago`;
}
