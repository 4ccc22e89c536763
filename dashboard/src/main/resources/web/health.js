'use strict';
PS.header('Health');
function kv(id, pairs) {
  document.getElementById(id).innerHTML = pairs.map(([k, v]) => '<div>' + PS.esc(k) + '</div><div>' + v + '</div>').join('');
}
function stateSpan(s) { return '<span class="state-' + PS.esc(s) + '">' + PS.esc(s) + '</span>'; }
function side(id, s) {
  if (!s) { kv(id, [['source', '<span class="muted">no data journaled yet</span>']]); return; }
  kv(id, [['current source', PS.esc(s.source) + (s.fallback ? ' <span class="old">(fallback)</span>' : '')], ['state', stateSpan(s.state)],
    ['last data', PS.fmtTime(s.lastDataMs)], ['reason', PS.esc(s.reason || '')]]);
}
// With several engines (perpspot dashboard --kafka) the cards below are one engine's: ?engine=ID, else the first.
const engineParam = new URLSearchParams(location.search).get('engine');
const engineQuery = engineParam ? '?engine=' + encodeURIComponent(engineParam) : '';
function engines(h) {
  if (!h.engines) return;
  document.getElementById('engines-part').hidden = false;
  document.getElementById('engines-note').textContent = h.engine ? '(the cards below: ' + h.engine + ')' : '';
  document.querySelector('#engines tbody').innerHTML = h.engines.map(e => '<tr><td class="l"><a href="health.html?engine=' + encodeURIComponent(e.engine) + '">' +
    PS.esc(e.engine) + '</a></td><td class="l">' + PS.esc(e.shard || '—') + '</td><td>' + e.rows + '</td><td>' + (e.lastEventAgeMs === null ? '—' : PS.fmtAge(e.lastEventAgeMs)) +
    '</td><td>' + e.foldLag.input + ' / ' + e.foldLag.output + '</td><td>' + (e.copy ? e.copy.kafkaLag : '—') + '</td><td class="l">' +
    PS.esc(e.copy ? e.copy.from + (e.copy.error ? ' — stopped: ' + e.copy.error : '') : e.journal) + '</td></tr>').join('');
}
async function refresh() {
  try {
    const h = await PS.api('/api/health' + engineQuery);
    engines(h);
    if (!h.journal) return; // a fleet no engine's journal has reached yet
    side('perp', h.current.perp);
    side('spot', h.current.spot);
    const j = h.journal;
    kv('journal', [['input records', j.inputRecords.toLocaleString()], ['output records', j.outputRecords.toLocaleString()],
      ['input by type', PS.esc(Object.entries(j.inputByType).filter(e => e[1] > 0).map(e => e[0] + ' ' + e[1]).join(', '))],
      ['output by type', PS.esc(Object.entries(j.outputByType).map(e => e[0] + ' ' + e[1]).join(', '))],
      ['by venue pair', PS.esc(Object.keys(j.spreadsByPair || {}).map(k => k + ' ' + j.spreadsByPair[k] + ' spreads · ' + j.opportunitiesByPair[k] + ' opportunities').join(', '))],
      ['first / last event', PS.fmtTime(j.firstEventMs) + ' → ' + PS.fmtTime(j.lastEventMs)],
      ['tailer last read', j.lastAdvanceMs ? PS.fmtAge(Date.now() - j.lastAdvanceMs) + ' ago' : '—'],
      ['engine runs', j.engineRuns], ['tokens', j.tokens], ['opportunities', j.opportunities],
      ['caught up', j.caughtUp ? 'yes' : 'reading…'], ['undecodable records', h.undecodableRecords]]);
    const p = h.push;
    kv('push', [['WebSocket clients', p.clients + ' / ' + p.maxClients], ['interval', p.intervalMs + ' ms'], ['messages sent', p.messages],
      ['updates coalesced', p.coalesced], ['dropped (queue ' + p.clientQueue + ')', p.dropped], ['busy skips', p.busySkips],
      ['refused', p.refused], ['closed as too slow', p.disconnectedSlow]]);
    document.querySelector('#sources tbody').innerHTML = h.sources.map(s => '<tr><td class="l">' + PS.esc(s.source) + '</td><td class="l">' + PS.esc(s.side) +
      '</td><td class="l">' + stateSpan(s.state) + '</td><td class="l">' + PS.fmtTime(s.sinceMs) + '</td><td class="l">' + PS.esc(s.reason || '') +
      '</td><td>' + PS.fmtTime(s.lastDataMs) + '</td><td>' + s.events.toLocaleString() + '</td></tr>').join('');
    document.querySelector('#failovers tbody').innerHTML = h.failovers.slice().reverse().map(f => '<tr><td class="l">' + PS.fmtTime(f.timeMs) +
      '</td><td class="l">' + PS.esc(f.source) + '</td><td class="l">' + PS.esc(f.side) + '</td><td class="l">' + stateSpan(f.state) +
      '</td><td class="l">' + PS.esc(f.reason) + '</td></tr>').join('');
    document.getElementById('ring').textContent = h.ring.note;
    const c = h.cache || {};
    const cs = s => s ? stateSpan(s.state) + ' ' + PS.esc(s.reason || '') + ' <span class="muted">(' + PS.fmtTime(s.sinceMs) + ')</span>' : '—';
    kv('cache', [['backend', c.backend ? '<b id="cache-backend">' + PS.esc(c.backend) + '</b>' : '<span class="muted">' + PS.esc(c.note || '') + '</span>'],
      ['redis', cs(c.redis)], ['local', cs(c.local)],
      ['figures', c.figures ? PS.esc(Object.entries(c.figures).map(e => e[0] + ' ' + e[1]).join(' · ')) : '—'],
      ['', '<span class="muted">' + PS.esc(c.figuresNote || '') + '</span>']]);
  } catch (e) { /* the indicator shows the connection */ }
}
async function latency() {
  const el = document.getElementById('latency');
  try {
    const l = await PS.api('/api/latency');
    const rows = (l.latest || []).map(e => {
      const m = (l.merged || []).find(x => x.kind === e.kind && x.source === e.source) || {};
      return '<tr data-kind="' + PS.esc(e.kind) + '" data-source="' + PS.esc(e.source) + '"><td class="l">' + PS.esc(e.kind) + (e.internal ? ' <span class="muted">(internal)</span>' : '') +
        '</td><td class="l">' + PS.esc(e.source) + '</td><td>' + e.count.toLocaleString() + '</td>' +
        [e.p50, e.p90, e.p99, e.p999, e.max].map(v => '<td>' + PS.fmtNum(v, 3) + '</td>').join('') +
        '<td>' + PS.fmtNum(m.p99, 3) + '</td><td>' + (m.count || 0).toLocaleString() + '</td></tr>';
    }).join('');
    el.innerHTML = rows ? '<table id="latency-table"><thead><tr><th class="l">kind</th><th class="l">source</th><th>count</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>' +
      '<th>p99.9 ms</th><th>max ms</th><th>p99 ms (whole journal)</th><th>count (whole)</th></tr></thead><tbody>' + rows + '</tbody></table>' +
      '<p class="legend">Latest interval per kind and source. ' + PS.esc(l.note) + '</p>'
      : '<div class="notice" id="latency-empty">No latency snapshots in this journal yet (they are journaled every strategy.latency.snapshot-interval and latency.internal-interval).</div>';
  } catch (e) {
    el.innerHTML = '<div class="error" id="latency-error">' + PS.esc(e.message) + '</div>';
  }
}
PS.connect({ subscribe: { tokens: [] }, batch: m => { if (m.sources && m.sources.length) refresh(); } });
refresh();
latency();
setInterval(refresh, 2000);
setInterval(latency, 10000);
