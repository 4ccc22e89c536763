/* perpspot dashboard, opportunities page: the trader's workflow (issue 22) — estimated profit, ROI and
   liquidity cells, the execution playbook, "Analyze top 5" and the simple / advanced view. */
'use strict';
const PS_PLAYBOOK = (() => {
  const VIEW_KEY = 'perpspot.opportunities.view';
  const n2 = x => PS.fmtNum(x, 2);
  const usd = x => (x === null || x === undefined || !isFinite(x)) ? '—' : (x < 0 ? '-$' : '$') + Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const kusd = x => (x === null || x === undefined || !isFinite(x)) ? '—' : x >= 1e6 ? '$' + (x / 1e6).toFixed(1) + 'M' : x >= 1e3 ? '$' + (x / 1e3).toFixed(0) + 'k' : '$' + x.toFixed(0);
  const pct = x => (x === null || x === undefined || !isFinite(x)) ? '—' : (x * 100).toFixed(1) + '%';

  /** The row cells this file fills: profit, ROI, liquidity, age. */
  function cells() {
    return '<td data-col="profit"></td><td data-adv data-col="roi"></td><td data-adv data-col="liquidity"></td><td data-col="age"></td>';
  }
  /** A depth on a log scale from $100 (empty) to $10M (full). */
  function barWidth(d) { return !d || d <= 100 ? 0 : Math.min(100, (Math.log10(d) - 2) / 5 * 100); }
  function bar(d, size, venue) {
    return '<span class="liq-bar' + (d !== null && d < size ? ' thin' : '') + '" data-venue="' + venue + '" style="width:' + barWidth(d).toFixed(0) + '%"></span>';
  }
  function sizeCells(tr, o, sizeIdx) {
    const e = (o.edge || [])[sizeIdx] || {};
    const size = PS.meta.sizesUsd[sizeIdx];
    const p = tr.querySelector('td[data-col="profit"]');
    p.textContent = usd(e.profitUsd);
    p.className = e.profitUsd > 0 ? 'pos' : (e.profitUsd === null || e.profitUsd === undefined ? 'muted' : 'neg');
    tr.querySelector('td[data-col="roi"]').textContent = e.roiPct === null || e.roiPct === undefined ? '—' : e.roiPct.toFixed(3) + '%';
    const td = tr.querySelector('td[data-col="liquidity"]');
    if (!o.liquidity) {
      // a pair other than perp-jupiter: the execution model prices the perp and Jupiter legs only
      td.innerHTML = '<span class="muted">—</span>';
      td.title = 'no liquidity figure: the execution model prices perp-jupiter only';
      age(tr, o);
      return;
    }
    const l = o.liquidity;
    td.innerHTML = '<span class="liq">' + bar(l.perpUsd, size, 'perp') + bar(l.spotUsd, size, 'spot') + '</span> <span class="src">' + kusd(l.perpUsd) + ' / ' + kusd(l.spotUsd) + '</span>';
    td.title = 'within ' + (l.bandBps || 50) + ' bps: Hyperliquid ' + kusd(l.perpUsd) + ', Jupiter ' + kusd(l.spotUsd) + ' (red: below the chosen ' + PS.fmtUsd(size) + ')';
    age(tr, o);
  }
  function now() { return (PS.live && PS.live.clock && PS.live.clock.lastEventMs) || Date.now(); }
  function age(tr, o) { tr.querySelector('td[data-col="age"]').textContent = PS.fmtAge(now() - o.timeMs); }
  setInterval(() => document.querySelectorAll('#opps tbody tr').forEach(tr => tr._o && age(tr, tr._o)), 1000);

  function template() { return document.getElementById('template').value; }

  async function open(o, sizeIdx) {
    const out = document.getElementById('playbook');
    const size = PS.meta.sizesUsd[sizeIdx];
    const q = '/api/opportunities/' + o.seq + '/playbook?template=' + encodeURIComponent(template()) + '&sizeUsd=' + size;
    out.innerHTML = '<div class="notice">Building the playbook for ' + PS.esc(o.symbol) + '…</div>';
    try {
      render(await PS.api(q), q);
    } catch (e) {
      out.innerHTML = '<div class="error" id="playbook-error">Playbook: ' + PS.esc(e.message) + ' (HTTP ' + e.status + ')</div>';
    }
  }
  function render(p, q) {
    const legs = p.legs.map(l => '<tr data-venue="' + l.venue + '" data-step="' + l.step + '" data-price="' + l.price + '">' +
      '<td>' + l.step + '</td><td class="l">' + PS.esc(l.venue) + '</td><td class="l">' + PS.esc(l.action) + '</td><td>' + PS.fmtPrice(l.quantity) + '</td><td>' + usd(l.notionalUsd) + '</td>' +
      '<td data-f="price">' + PS.fmtPrice(l.price) + '</td><td>' + PS.fmtPrice(l.limitPrice) + '</td>' +
      '<td><span class="' + PS.bandClass(l.band) + '">' + PS.fmtBps(l.slippageBps) + '</span></td><td class="l src">' + PS.esc(l.priceSource) + '</td>' +
      '<td>' + kusd(l.bandDepthUsd) + '</td><td>' + PS.fmtNum(l.fillP50Ms, 0) + ' / ' + PS.fmtNum(l.fillP99Ms, 0) + '</td></tr>').join('');
    const r = p.oneLegRisk, f = p.funding, x = p.exit, d = p.derivedFrom;
    document.getElementById('playbook').innerHTML = '<div class="card" id="playbook-card" data-seq="' + p.opportunity.seq + '">' +
      '<div class="pb-head"><b>Playbook · ' + PS.esc(p.symbol) + ' ' + PS.esc(p.direction) + ' · ' + usd(p.sizeUsd) + '</b> <span class="muted">(' + PS.esc(p.template) + ', state at ' + PS.fmtTime(d.stateTimeMs) + ', ' + PS.esc(p.stateFrom) + ')</span>' +
      ' <a id="pb-json" href="' + q + '&format=json&download=1">JSON</a> · <a id="pb-md" href="' + q + '&format=md&download=1">Markdown</a>' +
      ' <button id="pb-close" title="close">×</button></div>' +
      '<p class="muted">' + PS.esc(p.note) + '.</p>' +
      '<p id="pb-why">' + PS.esc(p.firstLegReason) + '.</p>' +
      '<table id="pb-legs"><thead><tr><th>Step</th><th class="l">Venue</th><th class="l">Action</th><th>Qty</th><th>USD</th><th>Expected px</th><th>Limit px</th><th>Slippage bps</th><th class="l">Source</th><th>Depth ≤50 bps</th><th>Fill p50 / p99 ms</th></tr></thead><tbody>' + legs + '</tbody></table>' +
      '<div class="kv pb-kv">' +
      '<div>Limits</div><div>' + PS.esc(p.limitRule) + '</div>' +
      '<div>If the 2nd leg fails</div><div id="pb-unwind">' + PS.esc(r.unwindAction) + '; unwind cost ' + usd(r.unwindCostUsd) + ' (' + n2(r.unwindCostBps) + ' bps); naked ≤ ' + n2(r.nakedP99Seconds) + ' s (p99), 99% move ' + n2(r.move99Bps) + ' bps; one-leg risk ' + usd(r.riskUsd99) + '</div>' +
      '<div>Funding</div><div id="pb-funding">rate ' + PS.fmtPrice(f.hourlyRate) + '/h; next settlement ' + PS.fmtTime(f.nextSettlementMs) + ' (in ' + PS.fmtNum(f.minutesToNextSettlement, 1) + ' min); settlements over the ' + n2(f.horizonHours) + ' h horizon: ' + f.settlementsInHorizon + ', carry ' + usd(f.settledCarryUsd) + ' (the model\'s continuous carry ' + usd(f.carryUsd) + '; positive: received)</div>' +
      '<div>Exit</div><div id="pb-exit">' + PS.esc(x.rule) + '; exit cost now ' + n2(x.exitCostBps) + ' bps</div>' +
      '<div>Derived from</div><div id="pb-from">journal index ' + d.journalIndex + ', input index ' + d.inputIndex + ', state time ' + PS.fmtTime(d.stateTimeMs) + '; mid basis ' + n2(d.midBasisBps) + ' bps, executable ' + n2(d.executableBasisBps) + ' bps, fees ' + n2(d.feesBps) + ' bps, gas ' + usd(d.gasUsd) + ', net edge ' + n2(d.netEdgeBps) + ' bps = ' + usd(d.netEdgeUsd) + '; vol ' + PS.fmtPrice(d.volPerSqrtSecond) + '/√s (' + (d.volObserved ? 'observed' : 'fallback') + '), ' + d.bookLevels + ' book levels, ' + d.ladderRungs + ' ladder rungs</div>' +
      '</div></div>';
    window.PS_PLAYBOOK.last = p;
    document.getElementById('pb-close').onclick = () => { document.getElementById('playbook').innerHTML = ''; };
  }

  async function analyze() {
    const out = document.getElementById('analysis');
    out.innerHTML = '<div class="notice">Analyzing the top 5 live opportunities…</div>';
    try {
      const size = PS.meta.sizesUsd[+document.getElementById('size').value];
      const a = await PS.api('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ template: template(), n: 5, sizeUsd: size }) });
      const rows = a.rows.map(r => '<tr data-seq="' + r.seq + '"><td>' + r.rank + '</td><td class="l">' + PS.esc(r.symbol) + '</td><td class="l">' + PS.esc(r.entrySignal) + '</td>' +
        '<td class="' + (r.expectedPnlUsd > 0 ? 'pos' : 'neg') + '">' + usd(r.expectedPnlUsd) + '</td><td data-f="mean">' + usd(r.meanUsd) + '</td><td>' + usd(r.p5Usd) + '</td><td>' + usd(r.p95Usd) + '</td>' +
        '<td data-f="pop">' + pct(r.probabilityOfProfit) + '</td><td>' + n2(r.executionP50Seconds) + ' / ' + n2(r.executionP99Seconds) + '</td>' +
        '<td data-f="confidence">' + PS.fmtNum(r.confidencePct, 1) + '%</td><td class="' + (r.passesTemplate ? 'pos' : 'neg') + '" title="' + PS.esc((r.checkReasons || []).join('; ')) + '">' + (r.passesTemplate ? 'yes' : 'no') + '</td></tr>').join('');
      out.innerHTML = '<div class="card" id="analysis-card"><b>Top ' + a.rows.length + ' of ' + a.candidates + ' live opportunities</b> <span class="muted">(' + PS.esc(a.template) + ', ' + usd(a.sizeUsd) + ', ' +
        a.paths.toLocaleString() + ' Monte Carlo paths each, seed ' + a.seed + '; ranked by ' + PS.esc(a.rankedBy) + ')</span> <button id="analysis-close" title="close">×</button>' +
        '<table id="analysis-table"><thead><tr><th>#</th><th class="l">Token</th><th class="l">Entry signal</th><th>Expected P&amp;L</th><th>MC mean</th><th>p5</th><th>p95</th><th>P(profit)</th><th>Exec p50 / p99 s</th><th>Confidence</th><th>Passes</th></tr></thead><tbody>' + rows + '</tbody></table>' +
        '<p class="legend" id="confidence-def">' + PS.esc(a.confidenceDefinition) + '.</p></div>';
      document.getElementById('analysis-close').onclick = () => { out.innerHTML = ''; };
    } catch (e) {
      out.innerHTML = '<div class="error" id="analysis-error">Analyze: ' + PS.esc(e.message) + ' (HTTP ' + e.status + ')</div>';
    }
  }

  function view(mode) {
    const simple = mode === 'simple';
    document.getElementById('opps').classList.toggle('simple', simple);
    const b = document.getElementById('view-toggle');
    b.textContent = simple ? 'Advanced view' : 'Simple view';
    b.dataset.view = simple ? 'simple' : 'advanced';
    localStorage.setItem(VIEW_KEY, simple ? 'simple' : 'advanced');
  }
  document.getElementById('view-toggle').addEventListener('click', () => view(document.getElementById('opps').classList.contains('simple') ? 'advanced' : 'simple'));
  document.getElementById('analyze').addEventListener('click', analyze);
  view(localStorage.getItem(VIEW_KEY) === 'simple' ? 'simple' : 'advanced');

  return { cells, sizeCells, open, analyze, view, last: null };
})();
window.PS_PLAYBOOK = PS_PLAYBOOK;
