/* perpspot dashboard: the health page's live cache figures, keys by kind and flush (GET /api/cache, POST /api/cache/flush). */
'use strict';
(() => {
  const say = (cls, text) => { document.getElementById('cache-status').innerHTML = '<div class="' + cls + '" id="cache-' + cls + '">' + PS.esc(text) + '</div>'; };
  const n = v => (v === null || v === undefined) ? '—' : Number(v).toLocaleString();
  async function refresh() {
    try {
      const c = await PS.api('/api/cache');
      const keys = c.keys ? Object.entries(c.keys).map(e => PS.esc(e[0]) + ' <b data-kind="' + PS.esc(e[0]) + '">' + n(e[1]) + '</b>').join(' · ') : '—';
      const pairs = [['process', PS.esc(c.process)], ['backend', PS.esc(c.backend || '—')], ['key prefix', '<code>' + PS.esc(c.keyPrefix) + '</code>'], ['keys by kind', '<span id="cache-keys">' + keys + '</span>']];
      if (c.process === 'engine') {
        pairs.push(['hits / misses', n(c.hits) + ' / ' + n(c.misses)], ['errors', n(c.errors)], ['evictions / expired', n(c.evictions) + ' / ' + n(c.expired)],
          ['puts', n(c.puts)], ['local entries', n(c.localSize)]);
      }
      pairs.push(['', '<span class="muted" id="cache-note">' + PS.esc(c.note || '') + '</span>']);
      document.getElementById('cache-live').innerHTML = pairs.map(([k, v]) => '<div>' + PS.esc(k) + '</div><div>' + v + '</div>').join('');
      document.getElementById('cache-flush').disabled = !c.available;
    } catch (e) {
      document.getElementById('cache-live').innerHTML = '<div>error</div><div class="error">' + PS.esc(e.message) + '</div>';
    }
  }
  document.getElementById('cache-flush').addEventListener('click', async () => {
    try {
      const f = await PS.api('/api/cache/flush', { method: 'POST' });
      say('notice', 'Flushed: ' + f.redisKeysDeleted + ' Redis key(s) under ' + f.keyPrefix + ', ' + f.localEntriesDropped + ' local entries');
      refresh();
    } catch (e) { say('error', 'Flush: ' + e.message + ' (HTTP ' + e.status + ')'); }
  });
  refresh();
  setInterval(refresh, 5000);
})();
