/* perpspot dashboard: shared helpers (formatting, API, the /ws connection and its indicator). */
'use strict';
const PS = (() => {
  const meta = { pushIntervalMs: 250, pushIntervalMaxMs: 10000, staleAfterMs: 10000, bands: null, sizesUsd: [100, 1000, 10000, 50000] };
  const INTERVALS = [250, 500, 1000, 2000, 5000, 10000];

  /** The browser's remembered choices (localStorage): push interval, slippage tolerance, overview size. */
  const prefs = {
    get(k, d) { try { const v = localStorage.getItem('perpspot.' + k); return v === null ? d : JSON.parse(v); } catch (e) { return d; } },
    set(k, v) { try { localStorage.setItem('perpspot.' + k, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  };

  /** Price text with enough significant digits: BONK 0.0000216 stays 0.0000216, never $0.0000. */
  function fmtPrice(s) {
    if (s === null || s === undefined || s === '') return '—';
    const v = typeof s === 'number' ? s : parseFloat(s);
    if (!isFinite(v)) return '—';
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1000) return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    let t = v.toPrecision(6);
    if (t.includes('e')) { // below 1e-6: fixed notation, 6 significant digits
      const d = Math.min(15, Math.ceil(-Math.log10(a)) + 5);
      t = v.toFixed(d);
    }
    if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
    return t;
  }
  function fmtNum(x, d) { return (x === null || x === undefined || !isFinite(x)) ? '—' : Number(x).toFixed(d); }
  function fmtBps(x) { return fmtNum(x, 1); }
  function fmtUsd(n) { return n >= 1000 ? '$' + (n / 1000) + 'k' : '$' + n; }
  function fmtAge(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return '—';
    if (ms < 0) ms = 0;
    if (ms < 1000) return ms + 'ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm';
    if (s < 86400) return (s / 3600).toFixed(1) + 'h';
    return (s / 86400).toFixed(1) + 'd';
  }
  function fmtTime(ms) {
    if (!ms) return '—';
    const d = new Date(ms);
    return d.toISOString().replace('T', ' ').substring(0, 19);
  }
  /** The CSS class of a slippage band name sent by the server (thresholds live in one place: SlippageBands.java). */
  function bandClass(band) { return 'slip slip-' + (band || 'none'); }
  function zClass(z) {
    if (z === null || z === undefined) return '';
    const a = Math.abs(z);
    return a > 2 ? 'ext' : (a > 1 ? 'sig' : '');
  }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  async function api(path, options) {
    const r = await fetch(path, options);
    let body = null;
    try { body = await r.json(); } catch (e) { body = { error: 'bad response (' + r.status + ')' }; }
    if (!r.ok) { const err = new Error(body.error || ('HTTP ' + r.status)); err.status = r.status; err.body = body; throw err; }
    return body;
  }

  function header(active) {
    const pages = [['index.html', 'Overview'], ['opportunities.html', 'Opportunities'], ['simulation.html', 'Simulation'], ['health.html', 'Health']];
    const h = document.createElement('header');
    h.innerHTML = '<span class="brand">perpspot</span><nav>' +
      pages.map(([href, name]) => '<a href="' + href + '"' + (name === active ? ' class="active"' : '') + '>' + name + '</a>').join('') +
      '</nav><span id="conn" class="disconnected" title="WebSocket to the sidecar"><span class="dot"></span>' +
      '<span class="state">connecting</span><span id="conn-detail"></span></span>' +
      '<label class="src" title="how often this browser gets updates (within the server\'s bounds)">refresh <select id="interval"></select></label>';
    document.body.prepend(h);
    const alerts = document.createElement('div');
    alerts.id = 'alerts';
    document.body.appendChild(alerts);
    intervalOptions();
    document.getElementById('interval').onchange = ev => {
      prefs.set('intervalMs', +ev.target.value);
      if (PS.live) PS.live.subscribe({ interval: +ev.target.value });
    };
  }
  function intervalOptions() {
    const sel = document.getElementById('interval');
    if (!sel) return;
    const chosen = prefs.get('intervalMs', meta.pushIntervalMs);
    const opts = [...new Set([meta.pushIntervalMs, ...INTERVALS])].filter(v => v >= meta.pushIntervalMs && v <= meta.pushIntervalMaxMs).sort((a, b) => a - b);
    sel.innerHTML = opts.map(v => '<option value="' + v + '"' + (v === chosen ? ' selected' : '') + '>' + (v < 1000 ? v + ' ms' : (v / 1000) + ' s') + '</option>').join('');
  }

  /** A notification in the page's corner (the tolerance alerts), gone after a while or on click. */
  function notify(html, cls) {
    const box = document.getElementById('alerts');
    if (!box) return;
    const n = document.createElement('div');
    n.className = 'alert-item ' + (cls || '');
    n.innerHTML = html;
    n.onclick = () => n.remove();
    box.prepend(n);
    while (box.children.length > 5) box.lastChild.remove();
    setTimeout(() => n.remove(), 20000);
  }

  /**
   * Tolerance alerts: a live opportunity whose executable slippage at the chosen overview size is above the
   * tolerance set on the overview or a token page (remembered in the browser) gets a notification.
   * only: a symbol (the token page) or null (every token).
   */
  const alerted = new Set();
  function checkTolerance(opps, only) {
    const tol = prefs.get('toleranceBps', 50), idx = prefs.get('sizeIdx', 1);
    (opps || []).forEach(o => {
      if ((only && o.symbol !== only) || alerted.has(o.seq)) return;
      const s = (o.slippage || [])[idx];
      if (!s || !(s.beyondBook || (s.bps !== null && s.bps > tol))) return;
      alerted.add(o.seq);
      notify('<b>' + esc(o.symbol) + '</b> opportunity ' + esc(o.direction) + ' (net ' + fmtBps(o.netBps) + ' bps): executable slippage ' +
        (s.beyondBook ? 'beyond the book' : fmtBps(s.bps) + ' bps') + ' at ' + fmtUsd(s.usd) + ' is above your tolerance of ' + tol + ' bps',
        'alert-' + (s.band || 'red'));
    });
  }

  /** A row patch (only what changed; a plain object merges into an object or a list) applied to a copy of row. */
  function merge(row, patch) {
    if (row === null || row === undefined || typeof row !== 'object') return patch;
    const out = Array.isArray(row) ? row.slice() : Object.assign({}, row);
    Object.keys(patch).forEach(k => {
      const p = patch[k], cur = out[k];
      out[k] = (p !== null && typeof p === 'object' && !Array.isArray(p) && cur !== null && typeof cur === 'object') ? merge(cur, p) : p;
    });
    return out;
  }
  function query(sub) {
    return Object.keys(sub).filter(k => sub[k] !== null && sub[k] !== undefined)
      .map(k => k + '=' + encodeURIComponent(Array.isArray(sub[k]) ? sub[k].join(',') : sub[k])).join('&');
  }

  /**
   * The live channel. Reconnects with backoff and resumes from the last opportunity sequence it
   * saw (/ws?since=SEQ): the page keeps its state, nothing reloads. The page subscribes to what it
   * shows (subscribe: { tokens, fields, sizes }; null: all) at the browser's chosen interval; a batch
   * carries only what changed in each row, merged here: handlers get whole rows as before.
   * handlers: { hello(msg), batch(msg), subscribe, alerts: true (every token) | 'SYMBOL' }
   */
  function connect(handlers) {
    const st = { ws: null, lastSeq: -1, lastMsgAt: 0, clock: null, backoff: 500, connected: false, reconnects: 0, rows: new Map(),
      sub: Object.assign({}, handlers.subscribe || {}, { interval: prefs.get('intervalMs', null) }) };
    PS.live = st;
    function open() {
      const q = query(st.sub) + (st.lastSeq >= 0 ? '&since=' + st.lastSeq : '');
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws' + (q ? '?' + q.replace(/^&/, '') : '');
      const ws = new WebSocket(url);
      st.ws = ws;
      ws.onopen = () => { st.connected = true; st.backoff = 500; indicator(); };
      ws.onmessage = ev => {
        const m = JSON.parse(ev.data);
        st.lastMsgAt = Date.now();
        st.bytes = (st.bytes || 0) + ev.data.length;
        st.arrivals = (st.arrivals || []).concat(st.lastMsgAt).slice(-20);
        if (m.clock) st.clock = m.clock;
        if (m.t === 'hello') { st.rows = new Map(); (m.rows || []).forEach(r => st.rows.set(key(r), r)); }
        if (m.t === 'batch' && m.delta) {
          m.rows = m.rows.map(p => { const r = merge(st.rows.get(key(p)), p); st.rows.set(key(r), r); return r; });
        }
        if (m.t === 'batch' && handlers.alerts) checkTolerance(m.opportunities, handlers.alerts === true ? null : handlers.alerts);
        (m.opportunities || []).forEach(o => { if (o.seq > st.lastSeq) st.lastSeq = o.seq; });
        if (m.t === 'hello' && handlers.hello) handlers.hello(m);
        if (m.t === 'batch' && handlers.batch) handlers.batch(m);
        indicator();
      };
      ws.onclose = () => {
        st.connected = false; st.reconnects++;
        indicator();
        if (st.paused) return;
        setTimeout(open, st.backoff);
        st.backoff = Math.min(5000, st.backoff * 2);
      };
      ws.onerror = () => { try { ws.close(); } catch (e) { /* closing */ } };
    }
    function indicator() {
      const el = document.getElementById('conn');
      if (!el) return;
      const detail = document.getElementById('conn-detail');
      let state, text;
      const now = Date.now();
      if (!st.connected) {
        state = 'disconnected'; text = 'reconnecting…';
      } else if (!st.lastMsgAt) {
        state = 'stale'; text = 'waiting for the first update';
      } else if (now - st.lastMsgAt > Math.max(3000, 4 * Math.max(meta.pushIntervalMs, st.sub.interval || 0))) {
        state = 'stale'; text = 'no message for ' + fmtAge(now - st.lastMsgAt);
      } else if (st.clock && st.clock.lastAdvanceMs && st.clock.serverMs - st.clock.lastAdvanceMs > meta.staleAfterMs) {
        state = 'stale'; text = 'journal idle ' + fmtAge(st.clock.serverMs - st.clock.lastAdvanceMs);
      } else if (st.clock && !st.clock.lastAdvanceMs) {
        state = 'stale'; text = 'journal empty';
      } else {
        state = 'live'; text = 'journal @ ' + fmtTime(st.clock && st.clock.lastEventMs);
      }
      el.className = state;
      el.querySelector('.state').textContent = state;
      detail.textContent = ' ' + text;
      el.dataset.state = state;
    }
    /** Drop the connection and stay away (pause) / come back, resuming from the last sequence (resume). */
    st.pause = () => { st.paused = true; if (st.ws) st.ws.close(); };
    st.resume = () => { st.paused = false; if (!st.connected) open(); };
    /** Changes what this page receives (keys as in handlers.subscribe, and interval); kept across reconnects. */
    st.subscribe = change => {
      Object.assign(st.sub, change);
      if (st.connected && st.ws.readyState === 1) st.ws.send(JSON.stringify(Object.assign({ t: 'subscribe' }, st.sub)));
    };
    setInterval(indicator, 500);
    api('/api/meta').then(m => { Object.assign(meta, m); intervalOptions(); }).catch(() => {});
    open();
    return st;
  }

  // A row's key: its symbol, and its engine when the dashboard shows several engines (perpspot dashboard --kafka).
  const key = r => r.engine ? r.symbol + '@' + r.engine : r.symbol;
  return { meta, prefs, notify, merge, key, fmtPrice, fmtNum, fmtBps, fmtUsd, fmtAge, fmtTime, bandClass, zClass, esc, api, header, connect };
})();
