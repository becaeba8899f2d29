// One uPlot chart: a title, series with units, data as uPlot's columns, points appended live.

import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h } from './dom.js';

const COLOURS = ['#1a73e8', '#e8710a', '#188038', '#a142f4', '#d93025', '#12b5cb'];
const FAINT = 'rgba(26, 115, 232, 0.35)';
const BAND = 'rgba(26, 115, 232, 0.12)';

export class Chart {
  /**
   * series: [{label, faint}] (a faint series is drawn thin and light, e.g. a band's edge);
   * band: [upper, lower] series numbers (from 1) whose space between is filled; yRange: [min, max].
   */
  constructor({ title, series, format, yRange, band }) {
    this.title = title;
    this.element = h('figure', { class: 'chart', 'data-chart': title },
      h('figcaption', {}, title));
    this.element.dataset.points = '0';
    this.holder = h('div', { class: 'plot' });
    this.element.append(this.holder);
    this.data = [[], ...series.map(() => [])];
    this.options = {
      width: 600,
      height: 180,
      scales: { x: { time: true, range: (u, min, max) => this.xRange ?? [min, max] },
        y: yRange ? { range: yRange } : {} },
      axes: [{}, { values: (u, ticks) => ticks.map(format), size: 84 }],
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: s.faint ? FAINT : COLOURS[i % COLOURS.length],
        width: s.faint ? 1 : 1.5, value: (u, v) => (v === null ? '—' : format(v)), spanGaps: false }))],
      bands: band ? [{ series: band, fill: BAND }] : [],
      legend: { live: true },
    };
    this.plot = null;
    this.xRange = null;
    new ResizeObserver(() => this.resize()).observe(this.element);
  }

  resize() {
    const width = Math.max(260, this.element.clientWidth - 8);
    if (!this.plot) {
      this.plot = new uPlot({ ...this.options, width }, this.data, this.holder);
    } else if (Math.abs(this.plot.width - width) > 2) {
      this.plot.setSize({ width, height: this.options.height });
    }
  }

  /** xRange: [from, till] in s, the whole range asked for; null fits the time axis to the points. */
  setData(data, xRange = null) {
    this.data = data;
    this.xRange = xRange;
    this.element.dataset.points = String(data[0].length);
    if (this.plot) {
      this.plot.setData(data);
    }
  }

  /** Adds one point (time in ms) unless it is not newer than the last one. */
  append(timestampMs, values) {
    const t = timestampMs / 1000;
    const xs = this.data[0];
    if (xs.length && xs[xs.length - 1] >= t) return;
    this.data[0].push(t);
    for (let k = 1; k < this.data.length; k++) this.data[k].push(values[k - 1] ?? null);
    this.setData(this.data, this.xRange);
  }
}
