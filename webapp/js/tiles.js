// Every node as a tile on one canvas, coloured by CPU %: 10,000 tiles are one drawing, not
// 10,000 elements. Silent nodes are grey with a cross. Arrow keys move, Enter opens.

import { h } from './dom.js';

const GAP = 2;

const GREY = '#9aa0a6';

/** Green at 0 %, yellow at 50 %, red at 100 %. */
export function cpuColour(cpu) {
  const c = Math.max(0, Math.min(100, cpu));
  return `hsl(${Math.round(120 - 1.2 * c)}, 65%, ${c > 50 ? 45 : 40}%)`;
}

// one colour per whole percent: a redraw sets the canvas's fill style once per colour, not per tile
const COLOURS = Array.from({ length: 101 }, (_, c) => cpuColour(c));

function colourOf(node) {
  return node.silent || node.cpu === null || node.cpu === undefined ? GREY
    : COLOURS[Math.round(Math.max(0, Math.min(100, node.cpu)))];
}

function tileSize(n) {
  return n <= 64 ? 44 : n <= 400 ? 24 : n <= 2500 ? 14 : 9;
}

export class TileMap {
  /** @param open called with a node when its tile is clicked or Enter is pressed on it */
  constructor({ open, describe }) {
    this.open = open;
    this.describe = describe;
    this.nodes = [];
    this.selected = -1;
    this.canvas = h('canvas', { class: 'tiles', tabindex: '0', role: 'img',
      onclick: (e) => this.clicked(e), onmousemove: (e) => this.hovered(e), onkeydown: (e) => this.key(e),
      onfocus: () => { if (this.selected < 0 && this.nodes.length) this.select(0); } });
    this.tip = h('div', { class: 'tile-tip', role: 'status' });
    this.element = h('div', { class: 'tile-block' }, this.canvas, this.tip);
    new ResizeObserver(() => this.draw()).observe(this.element);
  }

  /** nodes: [{host_ip, hostname, cpu, silent}] in the order to draw. */
  setNodes(nodes) {
    this.nodes = nodes;
    this.canvas.dataset.tiles = String(nodes.length);
    this.canvas.dataset.silent = String(nodes.filter((n) => n.silent).length);
    this.canvas.setAttribute('aria-label', `${nodes.length} nodes, ${this.canvas.dataset.silent} silent; `
      + 'arrow keys choose a node, Enter opens it');
    this.draw();
  }

  layout() {
    const size = tileSize(this.nodes.length);
    const width = Math.max(size, this.element.clientWidth || 800);
    const columns = Math.max(1, Math.floor((width + GAP) / (size + GAP)));
    return { size, columns, rows: Math.ceil(this.nodes.length / columns), width };
  }

  draw() {
    const { size, columns, rows, width } = this.layout();
    const ratio = window.devicePixelRatio || 1;
    const height = Math.max(size, rows * (size + GAP));
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.dataset.tileSize = String(size);
    this.canvas.dataset.columns = String(columns);
    const g = this.canvas.getContext('2d');
    g.scale(ratio, ratio);
    const place = (i) => [(i % columns) * (size + GAP), Math.floor(i / columns) * (size + GAP)];
    const byColour = new Map();
    this.nodes.forEach((node, i) => {
      const colour = colourOf(node);
      const same = byColour.get(colour);
      if (same) same.push(i); else byColour.set(colour, [i]);
    });
    for (const [colour, indexes] of byColour) {
      g.fillStyle = colour;
      for (const i of indexes) {
        const [x, y] = place(i);
        g.fillRect(x, y, size, size);
      }
    }
    // silent tiles crossed, all in one path
    g.strokeStyle = '#3c4043';
    g.lineWidth = size > 20 ? 2 : 1;
    g.beginPath();
    this.nodes.forEach((node, i) => {
      if (!node.silent) return;
      const [x, y] = place(i);
      g.moveTo(x + 2, y + 2);
      g.lineTo(x + size - 2, y + size - 2);
      g.moveTo(x + size - 2, y + 2);
      g.lineTo(x + 2, y + size - 2);
    });
    g.stroke();
    if (this.selected >= 0 && this.selected < this.nodes.length) {
      const [x, y] = place(this.selected);
      g.strokeStyle = '#1a73e8';
      g.lineWidth = 3;
      g.strokeRect(x + 1.5, y + 1.5, size - 3, size - 3);
    }
  }

  indexAt(event) {
    const { size, columns } = this.layout();
    const rect = this.canvas.getBoundingClientRect();
    const column = Math.floor((event.clientX - rect.left) / (size + GAP));
    const row = Math.floor((event.clientY - rect.top) / (size + GAP));
    const i = row * columns + column;
    return column < columns && i >= 0 && i < this.nodes.length ? i : -1;
  }

  clicked(event) {
    const i = this.indexAt(event);
    if (i >= 0) {
      this.open(this.nodes[i]);
    }
  }

  hovered(event) {
    const i = this.indexAt(event);
    this.tip.textContent = i >= 0 ? this.describe(this.nodes[i]) : '';
    this.canvas.style.cursor = i >= 0 ? 'pointer' : 'default';
  }

  select(i) {
    this.selected = i;
    this.tip.textContent = this.describe(this.nodes[i]);
    this.draw();
  }

  key(event) {
    if (!this.nodes.length) return;
    const { columns } = this.layout();
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -Infinity, End: Infinity };
    if (event.key === 'Enter' && this.selected >= 0) {
      this.open(this.nodes[this.selected]);
    } else if (event.key in moves) {
      const next = Math.max(0, Math.min(this.nodes.length - 1, Math.max(0, this.selected) + moves[event.key]));
      this.select(next);
    } else {
      return;
    }
    event.preventDefault();
  }
}
