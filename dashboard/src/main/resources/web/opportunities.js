'use strict';
PS.header('Opportunities');
const tbody = document.querySelector('#opps tbody');
const seen = new Set();
let sizeIdx = 1;
const MAX_ROWS = 1000;
const sizeSel = document.getElementById('size');
PS.meta.sizesUsd.forEach((u, i) => { const o = document.createElement('option'); o.value = i; o.textContent = PS.fmtUsd(u); if (i === sizeIdx) o.selected = true; sizeSel.appendChild(o); });
sizeSel.onchange = () => { sizeIdx = +sizeSel.value; [...tbody.rows].forEach(tr => { slipCell(tr, tr._o); PS_PLAYBOOK.sizeCells(tr, tr._o, sizeIdx); }); };
document.getElementById('filter').oninput = () => [...tbody.rows].forEach(filter);

function filter(tr) {
  const f = document.getElementById('filter').value.trim().toLowerCase();
  tr.style.display = !f || tr._o.symbol.toLowerCase().includes(f) || (tr._o.pair || '').includes(f) ? '' : 'none';
}
function slipCell(tr, o) {
  const s = (o.slippage || [])[sizeIdx];
  const td = tr.querySelector('td[data-col="slippage"]');
  td.innerHTML = !s || s.band === 'none' ? '<span class="slip slip-none">—</span>'
    : '<span class="' + PS.bandClass(s.band) + '" data-band="' + s.band + '">' + (s.beyondBook ? '&gt; depth' : PS.fmtBps(s.bps)) + '</span>';
  if (s) td.title = 'worse leg at ' + PS.fmtUsd(s.usd) + ': perp ' + s.perpSide + ' ' + PS.fmtBps(s.perpBps) + ' bps (' + (s.perpSource || '—') + '), spot ' + s.spotSide + ' ' + PS.fmtBps(s.spotBps) + ' bps (' + (s.spotSource || '—') + ')';
}
function add(o) {
  if (seen.has(o.seq)) return;
  seen.add(o.seq);
  const tr = document.createElement('tr');
  tr._o = o;
  tr.dataset.seq = o.seq;
  tr.innerHTML = '<td class="l" data-adv>' + PS.fmtTime(o.timeMs) + '</td><td class="l"><a href="token.html?symbol=' + encodeURIComponent(o.symbol) + '">' + PS.esc(o.symbol) + '</a></td>' +
    '<td class="l" data-col="pair">' + PS.esc(o.pair || 'perp-jupiter') + '</td><td class="l" data-col="direction">' + PS.esc(o.direction) + '</td><td data-adv>' + PS.fmtPrice(o.spot) + '</td><td data-adv>' + PS.fmtPrice(o.perp) + '</td>' +
    '<td data-adv>' + PS.fmtBps(o.grossBps) + '</td><td data-adv>' + PS.fmtBps(o.feesBps) + '</td><td class="' + (o.netBps > 0 ? 'pos' : 'neg') + '">' + PS.fmtBps(o.netBps) + '</td>' +
    '<td data-adv class="' + PS.zClass(o.z) + '">' + PS.fmtNum(o.z, 2) + '</td><td data-col="slippage"></td>' +
    PS_PLAYBOOK.cells() + '<td><button class="mc">Monte Carlo</button> <button class="pb">Playbook</button></td>';
  slipCell(tr, o);
  PS_PLAYBOOK.sizeCells(tr, o, sizeIdx);
  if (o.pair && o.pair !== 'perp-jupiter') {
    // The execution model, the templates' Monte Carlo and the playbook trade the perp against Jupiter only.
    tr.querySelectorAll('button').forEach(b => { b.disabled = true; b.title = 'the execution model prices perp-jupiter only: ' + o.pair + ' is shown with the detector\'s figures'; });
  } else {
    tr.querySelector('button.pb').addEventListener('click', () => PS_PLAYBOOK.open(o, sizeIdx));
    tr.querySelector('button.mc').addEventListener('click', () => runMonteCarlo(o));
  }
  // newest first
  let before = null;
  for (const r of tbody.rows) { if (r._o.seq < o.seq) { before = r; break; } }
  tbody.insertBefore(tr, before);
  filter(tr);
  while (tbody.rows.length > MAX_ROWS) { const last = tbody.rows[tbody.rows.length - 1]; seen.delete(last._o.seq); last.remove(); }
  document.getElementById('count').textContent = tbody.rows.length + ' shown';
}
async function runMonteCarlo(o) {
  const out = document.getElementById('simresult');
  const tpl = document.getElementById('template');
  out.innerHTML = '<div class="notice">Running the Monte Carlo for ' + PS.esc(o.symbol) + '…</div>';
  try {
    const r = await PS.api('/api/simulate', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ template: tpl.value, token: o.symbol, sizeUsd: PS.meta.sizesUsd[sizeIdx], paths: 100000, seed: 42, to: o.timeMs }) });
    sessionStorage.setItem('perpspot.simulation', JSON.stringify(r));
    const n = x => PS.fmtNum(x, 2);
    out.innerHTML = '<div class="card" id="mc-result"><b>' + PS.esc(o.symbol) + '</b> $' + PS.meta.sizesUsd[sizeIdx].toLocaleString() + ' ' + PS.esc(r.estimate.direction) +
      ' at the state of ' + PS.fmtTime(o.timeMs) + ' (' + PS.esc(r.template) + (r.retargeted ? ', applied to ' + PS.esc(o.symbol) : '') + '): net edge ' + n(r.estimate.netEdgeBps) +
      ' bps · P&L mean $<span data-stat="mean">' + n(r.pnl.mean) + '</span> · VaR95 $<span data-stat="var95">' + n(r.var95) + '</span> · CVaR95 $' + n(r.cvar95) +
      ' · P(profit) ' + (r.probabilityOfProfit * 100).toFixed(1) + '% · both legs ' + (r.fills.bothFraction * 100).toFixed(1) + '% · ' +
      '<a href="simulation.html?result=session">histogram on the Simulation page</a></div>';
  } catch (e) {
    out.innerHTML = '<div class="error" id="mc-error">Monte Carlo: ' + PS.esc(e.message) + ' (HTTP ' + e.status + ')</div>';
  }
}
PS.api('/api/templates').then(t => {
  const sel = document.getElementById('template');
  sel.innerHTML = t.templates.map(x => '<option value="' + PS.esc(x.name) + '">' + PS.esc(x.name) + '</option>').join('');
  sel.disabled = false;
}).catch(e => { document.getElementById('template').innerHTML = '<option>' + PS.esc(e.message.substring(0, 40)) + '</option>'; });
PS.connect({ hello: m => m.opportunities.forEach(add), batch: m => m.opportunities.forEach(add) });
