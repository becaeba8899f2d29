// A sortable, searchable table that draws only the rows in view, so 100,000 VMs cost what 30 do.
// Columns: {key, label, format(value, row), numeric, link(row) → href of the row's first cell}.

import { h, clear } from './dom.js';

const ROW_HEIGHT = 30;
// one collator for every comparison: localeCompare with options builds one per call
export const byText = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The collation rank of each text, kept between sorts: a live update of the same 10,000 names
 * sorts by number instead of calling the collator 140,000 times. Texts not seen before rebuild it.
 */
export class TextRanks {
  constructor() {
    this.ranks = new Map();
  }

  /** A Map from each of texts (and only those when rebuilt) to its rank. */
  of(texts) {
    if (!texts.every((t) => this.ranks.has(t))) {
      this.ranks = new Map([...new Set(texts)].sort(byText).map((t, i) => [t, i]));
    }
    return this.ranks;
  }
}
const OVERSCAN = 10;

export class VirtualTable {
  constructor({ columns, rowKey, link, searchKeys, label, sortKey, descending = false, height = 420 }) {
    this.columns = columns;
    this.rowKey = rowKey;
    this.link = link;
    this.searchKeys = searchKeys;
    this.sortKey = sortKey ?? columns[0].key;
    this.descending = descending;
    this.query = '';
    this.textRanks = new TextRanks();
    this.all = [];
    this.rows = [];
    this.count = h('span', { class: 'count', 'aria-live': 'polite' });
    this.search = h('input', {
      type: 'search', placeholder: `Search ${label}`, 'aria-label': `Search ${label}`,
      oninput: () => { this.query = this.search.value.trim().toLowerCase(); this.refilter(); },
    });
    this.head = h('tr', {}, columns.map((c) => this.headerCell(c)));
    this.body = h('tbody');
    this.table = h('table', { class: 'data', 'aria-label': label }, h('thead', {}, this.head), this.body);
    this.scroller = h('div', { class: 'scroller', style: `max-height:${height}px`,
      onscroll: () => this.draw() }, this.table);
    this.element = h('section', { class: 'table-block' },
      h('div', { class: 'table-tools' }, this.search, this.count), this.scroller);
  }

  headerCell(column) {
    const button = h('button', { type: 'button', onclick: () => this.sortBy(column.key) }, column.label);
    return h('th', { scope: 'col', class: column.numeric ? 'num' : '', 'data-key': column.key }, button);
  }

  sortBy(key) {
    this.descending = this.sortKey === key ? !this.descending : this.columns.find((c) => c.key === key).numeric;
    this.sortKey = key;
    this.resort();
  }

  /** Replaces every row (a live update); keeps the search, sort and scroll position. */
  setRows(rows) {
    this.all = rows;
    this.refilter();
  }

  refilter() {
    const q = this.query;
    this.rows = !q ? this.all.slice() : this.all.filter((row) =>
      this.searchKeys.some((k) => row[k] !== null && row[k] !== undefined
        && String(row[k]).toLowerCase().includes(q)));
    this.resort();
  }

  resort() {
    const key = this.sortKey;
    const sign = this.descending ? -1 : 1;
    const numeric = this.rows.every((r) => typeof r[key] !== 'string');
    const ranks = numeric ? null : this.textRanks.of(this.rows.filter((r) => r[key] !== null && r[key] !== undefined)
      .map((r) => String(r[key])));
    this.rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (numeric ? x - y : ranks.get(String(x)) - ranks.get(String(y))) * sign;
    });
    for (const th of this.head.children) {
      th.setAttribute('aria-sort', th.dataset.key !== key ? 'none' : this.descending ? 'descending' : 'ascending');
    }
    this.count.textContent = this.rows.length === this.all.length ? `${this.all.length}`
      : `${this.rows.length} of ${this.all.length}`;
    this.draw();
  }

  draw() {
    const top = this.scroller.scrollTop;
    const visible = Math.ceil((this.scroller.clientHeight || 420) / ROW_HEIGHT);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, first + visible + 2 * OVERSCAN);
    const span = this.columns.length;
    const out = [];
    if (first > 0) {
      out.push(h('tr', { class: 'spacer', style: `height:${first * ROW_HEIGHT}px` }, h('td', { colspan: span })));
    }
    for (let i = first; i < last; i++) {
      out.push(this.rowElement(this.rows[i]));
    }
    if (last < this.rows.length) {
      out.push(h('tr', { class: 'spacer', style: `height:${(this.rows.length - last) * ROW_HEIGHT}px` },
        h('td', { colspan: span })));
    }
    if (this.rows.length === 0) {
      out.push(h('tr', {}, h('td', { colspan: span, class: 'note' }, this.all.length ? 'No match.' : 'None yet.')));
    }
    clear(this.body).append(...out);
  }

  rowElement(row) {
    const href = this.link(row);
    return h('tr', { 'data-key': this.rowKey(row) }, this.columns.map((c, i) => {
      const text = c.format ? c.format(row[c.key], row) : (row[c.key] ?? '—');
      return h('td', { class: c.numeric ? 'num' : '' }, i === 0 && href ? h('a', { href }, text) : text);
    }));
  }
}

const PAGE = 400;

/**
 * The same table over a server that sorts, filters and pages (sortfield, sortorder, offset,
 * limit, total): only the rows around the view are fetched, so 100,000 VMs cost one page.
 * fetchPage({sortfield, sortorder, offset, limit, search}) resolves with {total, rows}.
 */
export class PagedTable extends VirtualTable {
  constructor(options) {
    super(options);
    this.fetchPage = options.fetchPage;
    this.total = 0;
    this.window = { offset: 0, rows: [] };
    this.wanted = null;
  }

  /** Whether a page is on its way. */
  loading() {
    return this.wanted !== null;
  }

  /** Fetches again (a live refresh or a new search or sort); keeps the scroll position. */
  reload() {
    this.window = { offset: 0, rows: [] };
    return this.load(Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - PAGE / 4));
  }

  async load(offset) {
    const request = { sortfield: this.sortKey, sortorder: this.descending ? 'DESC' : 'ASC', offset,
      limit: PAGE, search: this.query };
    this.wanted = request;
    let page;
    try {
      page = await this.fetchPage(request);
    } catch (e) {
      if (this.wanted === request) this.wanted = null;
      throw e;
    }
    if (this.wanted !== request) return;
    // what showing a page costs the main thread, beside each live update's (docs/benchmarks.md)
    const start = performance.now();
    this.wanted = null;
    this.total = page.total;
    this.window = { offset, rows: page.rows };
    this.count.textContent = `${page.total}`;
    this.draw();
    performance.measure('table-page', { start, end: performance.now() });
  }

  refilter() {
    this.reload();
  }

  resort() {
    for (const th of this.head.children) {
      th.setAttribute('aria-sort', th.dataset.key !== this.sortKey ? 'none' : this.descending ? 'descending' : 'ascending');
    }
    this.reload();
  }

  draw() {
    const top = this.scroller.scrollTop;
    const visible = Math.ceil((this.scroller.clientHeight || 420) / ROW_HEIGHT);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.total, first + visible + 2 * OVERSCAN);
    const { offset, rows } = this.window;
    if ((first < offset || last > offset + rows.length) && !this.wanted && last > first) {
      this.load(Math.max(0, first - PAGE / 4));
    }
    const span = this.columns.length;
    const out = [];
    if (first > 0) {
      out.push(h('tr', { class: 'spacer', style: `height:${first * ROW_HEIGHT}px` }, h('td', { colspan: span })));
    }
    for (let i = first; i < last; i++) {
      const row = rows[i - offset];
      out.push(row ? this.rowElement(row) : h('tr', {}, h('td', { colspan: span, class: 'note' }, '…')));
    }
    if (last < this.total) {
      out.push(h('tr', { class: 'spacer', style: `height:${(this.total - last) * ROW_HEIGHT}px` },
        h('td', { colspan: span })));
    }
    if (this.total === 0) {
      out.push(h('tr', {}, h('td', { colspan: span, class: 'note' }, this.query ? 'No match.' : 'None yet.')));
    }
    clear(this.body).append(...out);
  }
}
