/* perpspot dashboard: shared helpers (formatting, API, the /ws connection and its indicator). */
'use strict';
const PS = (() => {
  const meta = { pushIntervalMs: 250, staleAfterMs: 10000, bands: null, sizesUsd: [100, 1000, 10000, 50000] };

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
      '<span class="state">connecting</span><span id="conn-detail"></span></span>';
    document.body.prepend(h);
  }

  /**
   * The live channel. Reconnects with backoff and resumes from the last opportunity sequence it
   * saw (/ws?since=SEQ): the page keeps its state, nothing reloads.
   * handlers: { hello(msg), batch(msg) }
   */
  function connect(handlers) {
    const st = { ws: null, lastSeq: -1, lastMsgAt: 0, clock: null, backoff: 500, connected: false, reconnects: 0 };
    PS.live = st;
    function open() {
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws' + (st.lastSeq >= 0 ? '?since=' + st.lastSeq : '');
      const ws = new WebSocket(url);
      st.ws = ws;
      ws.onopen = () => { st.connected = true; st.backoff = 500; indicator(); };
      ws.onmessage = ev => {
        const m = JSON.parse(ev.data);
        st.lastMsgAt = Date.now();
        if (m.clock) st.clock = m.clock;
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
      } else if (now - st.lastMsgAt > Math.max(3000, 4 * meta.pushIntervalMs)) {
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
    setInterval(indicator, 500);
    api('/api/meta').then(m => { Object.assign(meta, m); }).catch(() => {});
    open();
    return st;
  }

  return { meta, fmtPrice, fmtNum, fmtBps, fmtUsd, fmtAge, fmtTime, bandClass, zClass, esc, api, header, connect };
})();
