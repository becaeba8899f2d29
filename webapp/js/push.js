// The live feed: one WebSocket to ./push speaking JSON-RPC 2.0. subscribe() returns a function
// that ends the subscription; after a lost connection every subscription is made again.
// The token travels as a subprotocol ("bearer." + base64url), since a browser cannot set headers.

import { token } from './api.js';

const RETRY_MS = 5000;

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class Live {
  constructor(onState) {
    this.onState = onState;
    this.socket = null;
    this.nextId = 1;
    this.wanted = new Map(); // local key → {topic, params, onUpdate, subscription}
    this.pending = new Map(); // request id → local key
    this.bySubscription = new Map();
    this.retry = null;
  }

  subscribe(topic, params, onUpdate) {
    const key = this.nextId++;
    this.wanted.set(key, { topic, params, onUpdate, subscription: null });
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.request(key);
    } else {
      this.connect();
    }
    return () => this.unsubscribe(key);
  }

  unsubscribe(key) {
    const entry = this.wanted.get(key);
    this.wanted.delete(key);
    if (entry && entry.subscription && this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.bySubscription.delete(entry.subscription);
      this.send('push.unsubscribe', { subscription: entry.subscription });
    }
  }

  send(method, params) {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    return id;
  }

  request(key) {
    const { topic, params } = this.wanted.get(key);
    this.pending.set(this.send('push.subscribe', { topic, params }), key);
  }

  connect() {
    if (this.socket || this.retry) return;
    const url = new URL('push', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const t = token();
    const socket = new WebSocket(url, t ? ['jsonrpc', `bearer.${base64url(t)}`] : ['jsonrpc']);
    this.socket = socket;
    socket.onopen = () => {
      this.onState('live');
      for (const key of this.wanted.keys()) this.request(key);
    };
    socket.onmessage = (event) => {
      // what a live update costs the page: parsing and redrawing (docs/benchmarks.md)
      const start = performance.now();
      this.received(JSON.parse(event.data));
      performance.measure('push-message', { start, end: performance.now() });
    };
    socket.onclose = () => {
      this.socket = null;
      this.pending.clear();
      this.bySubscription.clear();
      this.onState(this.wanted.size ? 'reconnecting' : '');
      if (this.wanted.size) {
        this.retry = setTimeout(() => { this.retry = null; this.connect(); }, RETRY_MS);
      }
    };
  }

  received(message) {
    if (message.method === 'push.update') {
      const key = this.bySubscription.get(message.params.subscription);
      const entry = this.wanted.get(key);
      if (entry) entry.onUpdate(message.params.result);
      return;
    }
    const key = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (key === undefined) return;
    const entry = this.wanted.get(key);
    if (message.error) {
      console.warn('live updates refused:', message.error.message, message.error.data || '');
    } else if (entry) {
      entry.subscription = message.result.subscription;
      this.bySubscription.set(entry.subscription, key);
    } else {
      this.send('push.unsubscribe', { subscription: message.result.subscription });
    }
  }
}
