'use strict';
PS.header('Overview');
const rows = new Map();          // PS.key (symbol, or symbol@engine) -> latest row from the API / WebSocket
let sortKey = 'symbol', sortDir = 1, sizeIdx = PS.prefs.get('sizeIdx', 1);
const tbody = document.querySelector('#overview tbody');

const sizeSel = document.getElementById('size');
PS.meta.sizesUsd.forEach((u, i) => { const o = document.createElement('option'); o.value = i; o.textContent = PS.fmtUsd(u); if (i === sizeIdx) o.selected = true; sizeSel.appendChild(o); });
sizeSel.onchange = () => {
  sizeIdx = +sizeSel.value; PS.prefs.set('sizeIdx', sizeIdx); rows.forEach(r => render(r));
  // the push sends the chosen size's slippage only: a new size is a new subscription (a new hello)
  if (PS.live && PS.live.subscribe) PS.live.subscribe({ sizes: [sizeIdx] });
};
const tolIn = document.getElementById('tol');
tolIn.value = PS.prefs.get('toleranceBps', 50);
tolIn.onchange = () => PS.prefs.set('toleranceBps', +tolIn.value);
document.getElementById('filter').oninput = applyFilter;
document.getElementById('signif').onchange = applyFilter;
document.querySelectorAll('#overview th').forEach(th => th.onclick = () => {
  const k = th.dataset.key;
  if (sortKey === k) sortDir = -sortDir; else { sortKey = k; sortDir = k === 'symbol' ? 1 : -1; }
  resort();
});

function slipOf(r) { return (r.slippage || [])[sizeIdx] || null; }
function sortValue(r, k) {
  const now = Date.now();
  switch (k) {
    case 'symbol': return r.symbol;
    case 'spot': case 'perp': return r[k] === null ? null : parseFloat(r[k]);
    case 'z': return r.z === null ? null : Math.abs(r.z);
    case 'basisBps': return r.basisBps === null ? null : Math.abs(r.basisBps);
    case 'slip': { const s = slipOf(r); return !s ? null : (s.beyondBook ? Infinity : s.bps); }
    case 'bestNetBps': return r.bestNetBps === undefined ? null : r.bestNetBps;
    case 'spotAge': return r.spotTimeMs ? now - r.spotTimeMs : null;
    case 'perpAge': return r.perpTimeMs ? now - r.perpTimeMs : null;
    default: return r[k];
  }
}
function cmp(a, b) {
  const x = sortValue(a, sortKey), y = sortValue(b, sortKey);
  if (x === y) return a.symbol < b.symbol ? -1 : 1;
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return (x < y ? -1 : 1) * sortDir;
}
function resort() {
  document.querySelectorAll('#overview th').forEach(th => {
    th.classList.toggle('sorted-asc', th.dataset.key === sortKey && sortDir > 0);
    th.classList.toggle('sorted-desc', th.dataset.key === sortKey && sortDir < 0);
  });
  const sorted = [...rows.values()].sort(cmp);
  sorted.forEach(r => tbody.appendChild(trOf(PS.key(r))));
}
function trOf(sym) {
  let tr = document.getElementById('row-' + sym);
  if (!tr) {
    tr = document.createElement('tr');
    tr.id = 'row-' + sym;
    tr.dataset.symbol = sym;
    tr.innerHTML = '<td class="l" data-col="symbol"></td><td data-col="spot"></td><td data-col="perp"></td><td data-col="basis"></td>' +
      '<td data-col="z"></td><td class="l" data-col="best"></td><td data-col="funding"></td><td data-col="slippage"></td><td data-col="spotAge"></td><td data-col="perpAge"></td><td data-col="opps"></td>';
    tbody.appendChild(tr);
  }
  return tr;
}
function cell(tr, col) { return tr.querySelector('td[data-col="' + col + '"]'); }
function render(r) {
  const tr = trOf(PS.key(r));
  const engine = r.engine ? '&engine=' + encodeURIComponent(r.engine) : '';
  cell(tr, 'symbol').innerHTML = '<a href="token.html?symbol=' + encodeURIComponent(r.symbol) + engine + '">' + PS.esc(r.symbol) + '</a> <span class="src">' + PS.esc(r.coin || '') +
    (r.engine ? ' · ' + PS.esc(r.engine) + ' ' + PS.esc(r.shard || '') : '') + '</span>';
  cell(tr, 'spot').textContent = PS.fmtPrice(r.spot);
  // the three venues' prices and every pair's basis, on hover of the row (the token and best-pair cells say it too)
  const venues = venuesText(r);
  tr.title = venues;
  cell(tr, 'symbol').title = venues;
  const best = cell(tr, 'best');
  best.innerHTML = r.bestPair ? PS.esc(r.bestPair) + ' <span class="' + (r.bestNetBps > 0 ? 'pos' : 'neg') + '">' + PS.fmtBps(r.bestNetBps) + '</span>'
    : '<span class="muted">—</span>';
  best.dataset.pair = r.bestPair || '';
  best.title = venues;
  const p = cell(tr, 'perp');
  p.textContent = PS.fmtPrice(r.perp);
  p.title = 'bid ' + PS.fmtPrice(r.perpBid) + ' / ask ' + PS.fmtPrice(r.perpAsk) + ' · mark ' + PS.fmtPrice(r.mark) + ' · oracle ' + PS.fmtPrice(r.oracle);
  const b = cell(tr, 'basis');
  b.textContent = PS.fmtBps(r.basisBps);
  b.className = r.basisBps > 0 ? 'pos' : (r.basisBps < 0 ? 'neg' : '');
  const z = cell(tr, 'z');
  z.textContent = PS.fmtNum(r.z, 2);
  z.className = PS.zClass(r.z);
  z.title = Math.abs(r.z) > 2 ? 'EXTREME (|z| > 2)' : (Math.abs(r.z) > 1 ? 'SIGNIFICANT (|z| > 1)' : '');
  const fh = r.fundingHourly === null ? null : parseFloat(r.fundingHourly) * 100;
  cell(tr, 'funding').textContent = (fh === null ? '—' : fh.toFixed(4) + '%') + ' / ' + (r.fundingAprPct === null ? '—' : r.fundingAprPct.toFixed(1) + '%');
  const s = slipOf(r), sc = cell(tr, 'slippage');
  if (!s || s.band === 'none') { sc.innerHTML = '<span class="slip slip-none">—</span>'; }
  else {
    sc.innerHTML = '<span class="' + PS.bandClass(s.band) + '" data-band="' + s.band + '">' + (s.beyondBook ? '&gt; depth' : PS.fmtBps(s.bps)) + '</span>';
    sc.title = 'worse leg at ' + PS.fmtUsd(s.usd) + ' ' + s.direction + ': perp ' + s.perpSide + ' ' + PS.fmtBps(s.perpBps) + ' bps (' + (s.perpSource || '—') + '), spot ' + s.spotSide + ' ' + PS.fmtBps(s.spotBps) + ' bps (' + (s.spotSource || '—') + ')';
  }
  tr.dataset.spotTime = r.spotTimeMs || '';
  tr.dataset.perpTime = r.perpTimeMs || '';
  cell(tr, 'opps').textContent = r.opportunities || '';
  ages(tr, r);
  filterRow(tr, r);
}
/** Perp mid, Jupiter and Hyperliquid spot ("—" without a book), then each pair with data: basis, z, latest net edge. */
function venuesText(r) {
  const lines = ['perp mid ' + PS.fmtPrice(r.perp) + ' · Jupiter ' + PS.fmtPrice(r.spot) + ' · Hyperliquid spot ' + (r.hlSpot ? PS.fmtPrice(r.hlSpot) : '—')];
  (r.pairs || []).forEach(p => {
    if (!p || (p.basisBps === null && p.netBps === null)) return;
    lines.push(p.pair + ': basis ' + PS.fmtBps(p.basisBps) + ' bps, z ' + PS.fmtNum(p.z, 2) +
      (p.netBps === null ? '' : ', last opportunity net ' + PS.fmtBps(p.netBps) + ' bps ' + p.direction + ' at ' + PS.fmtTime(p.opportunityTimeMs)));
  });
  return lines.join('\n');
}
function ages(tr, r) {
  const now = Date.now();
  const sa = cell(tr, 'spotAge'), pa = cell(tr, 'perpAge');
  const sAge = r.spotTimeMs ? now - r.spotTimeMs : null, pAge = r.perpTimeMs ? now - r.perpTimeMs : null;
  sa.innerHTML = PS.fmtAge(sAge) + ' <span class="src">' + PS.esc(r.spotSource || '') + '</span>';
  pa.innerHTML = PS.fmtAge(pAge) + ' <span class="src">' + PS.esc(r.perpSource || '') + '</span>';
  sa.classList.toggle('old', sAge > 30000);
  pa.classList.toggle('old', pAge > 15000);
}
function filterRow(tr, r) {
  const f = document.getElementById('filter').value.trim().toLowerCase();
  const onlySig = document.getElementById('signif').checked;
  const text = (r.symbol + ' ' + (r.coin || '') + ' ' + (r.engine || '') + ' ' + (r.spotSource || '') + ' ' + (r.perpSource || '') + ' ' + (r.bestPair || '')).toLowerCase();
  const show = (!f || text.includes(f)) && (!onlySig || (r.z !== null && Math.abs(r.z) > 1));
  tr.style.display = show ? '' : 'none';
}
function applyFilter() { rows.forEach(r => filterRow(trOf(PS.key(r)), r)); updateCount(); }
function updateCount() {
  const shown = [...tbody.rows].filter(tr => tr.style.display !== 'none').length;
  document.getElementById('count').textContent = shown + ' of ' + rows.size + ' tokens';
}
function accept(list) {
  list.forEach(r => { rows.set(PS.key(r), r); render(r); });
  if (sortKey !== 'symbol' || list.length > 1) resort();
  updateCount();
}
setInterval(() => rows.forEach(r => ages(trOf(PS.key(r)), r)), 1000);
// What this page shows: these fields of every row, the slippage of the chosen size only (the other sizes'
// entries were about half of every batch); alerts on every token.
const FIELDS = ['symbol', 'coin', 'spot', 'perp', 'perpBid', 'perpAsk', 'mark', 'oracle', 'basisBps', 'z', 'fundingHourly', 'fundingAprPct',
  'slippage', 'spotTimeMs', 'perpTimeMs', 'spotSource', 'perpSource', 'opportunities', 'shard', 'hlSpot', 'pairs', 'bestPair', 'bestNetBps'];
PS.connect({ hello: m => accept(m.rows), batch: m => accept(m.rows), subscribe: { fields: FIELDS, sizes: [sizeIdx] }, alerts: true });
resort();
