'use strict';
PS.header('');
const symbol = new URLSearchParams(location.search).get('symbol') || '';
// The engine of the row when the dashboard shows several engines (perpspot dashboard --kafka), else null.
const engine = new URLSearchParams(location.search).get('engine');
const onEngine = engine ? 'engine=' + encodeURIComponent(engine) : '';
document.getElementById('title').textContent = symbol;
document.title = 'perpspot · ' + symbol;
Chart.defaults.color = '#8a96a3';
Chart.defaults.borderColor = '#26303b';
Chart.defaults.animation = false;

const timeAxis = { type: 'linear', ticks: { maxTicksLimit: 6, callback: v => new Date(v).toISOString().substring(11, 19) } };
function lineChart(id, datasets, yopts) {
  return new Chart(document.getElementById(id), {
    type: 'line',
    data: { datasets },
    options: { maintainAspectRatio: false, parsing: false, normalized: true, spanGaps: true,
      elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
      scales: { x: timeAxis, y: yopts || {} }, plugins: { legend: { labels: { boxWidth: 12 } } } }
  });
}
const ds = (label, color, extra) => Object.assign({ label, data: [], borderColor: color, backgroundColor: color }, extra || {});
const cPrice = lineChart('cPrice', [ds('spot (Jupiter)', '#4c9aff'), ds('perp mid (Hyperliquid)', '#f0a33a'),
  ds('Hyperliquid spot mid', '#c678dd')], { ticks: { callback: v => PS.fmtPrice(v) } });
const HL = 2; // cPrice's Hyperliquid spot dataset: empty for a token without a Hyperliquid spot book
const cBasis = lineChart('cBasis', [
  ds('basis perp-jupiter', '#d7dde4'),
  ds('mean', '#8a96a3', { borderDash: [4, 3] }),
  ds('+1σ', '#f0a33a', { borderDash: [2, 3], borderWidth: 1 }), ds('−1σ', '#f0a33a', { borderDash: [2, 3], borderWidth: 1 }),
  ds('+2σ', '#e5534b', { borderDash: [2, 3], borderWidth: 1, fill: '+1', backgroundColor: 'rgba(229,83,75,0.06)' }),
  ds('−2σ', '#e5534b', { borderDash: [2, 3], borderWidth: 1 })]);
const cZ = lineChart('cZ', [ds('z perp-jupiter', '#4c9aff')], { suggestedMin: -3, suggestedMax: 3 });
const cFunding = lineChart('cFunding', [ds('funding %/h', '#2fbf71')]);
// Reorder the ±2σ band fill: +2σ fills down to −2σ (dataset index 5).
cBasis.data.datasets[4].fill = 5;
// The other venue pairs' basis and z: a series each, added when the pair first has data (the bands stay perp-jupiter's).
const PAIR_COLORS = { 'perp-hlspot': '#2fbf71', 'hlspot-jupiter': '#c678dd' };
const pairSets = {};
function pairSet(pair) {
  if (!pairSets[pair]) {
    const b = ds('basis ' + pair, PAIR_COLORS[pair] || '#8a96a3'), z = ds('z ' + pair, PAIR_COLORS[pair] || '#8a96a3');
    cBasis.data.datasets.push(b);
    cZ.data.datasets.push(z);
    pairSets[pair] = { basis: b, z, lastMs: 0 };
  }
  return pairSets[pair];
}
let lastHlMs = 0;

let lastSpreadMs = 0;
let lastRow = null;
function addPoint(t, p) {
  cPrice.data.datasets[0].data.push({ x: t, y: p.spot });
  cPrice.data.datasets[1].data.push({ x: t, y: p.perp });
  const m = p.mean, s = p.std;
  const band = k => (m === null || s === null) ? null : m + k * s;
  [p.basis, m, band(1), band(-1), band(2), band(-2)].forEach((v, i) => cBasis.data.datasets[i].data.push({ x: t, y: v }));
  cZ.data.datasets[0].data.push({ x: t, y: p.z });
  cFunding.data.datasets[0].data.push({ x: t, y: p.funding === null ? null : p.funding * 100 });
}
function clearCharts() { [cPrice, cBasis, cZ, cFunding].forEach(c => c.data.datasets.forEach(d => d.data = [])); lastHlMs = 0; }
function updateCharts() { [cPrice, cBasis, cZ, cFunding].forEach(c => c.update('none')); }

async function loadHistory() {
  const range = +document.getElementById('range').value;
  let q = '?points=2000';
  if (range > 0) {
    // the range ends at this token's newest snapshot (an old journal is not 'now')
    const end = lastRow && lastRow.spreadTimeMs ? Math.max(lastRow.spreadTimeMs, lastSpreadMs) : Date.now();
    q += '&from=' + (end - range);
  }
  try {
    const h = await PS.api('/api/tokens/' + encodeURIComponent(symbol) + '/history' + q + (onEngine ? (q ? '&' : '?') + onEngine : ''));
    clearCharts();
    for (let i = 0; i < h.timeMs.length; i++) {
      addPoint(h.timeMs[i], { spot: h.spot[i], perp: h.perpMid[i], basis: h.basisBps[i], z: h.z[i], mean: h.mean[i], std: h.std[i], funding: h.fundingHourly[i] });
    }
    (h.pairs || []).forEach(p => {
      const set = pairSet(p.pair);
      for (let i = 0; i < p.timeMs.length; i++) {
        set.basis.data.push({ x: p.timeMs[i], y: p.basisBps[i] });
        set.z.data.push({ x: p.timeMs[i], y: p.z[i] });
      }
      set.lastMs = p.timeMs.length ? p.timeMs[p.timeMs.length - 1] : 0;
    });
    if (h.hlSpot) {
      for (let i = 0; i < h.hlSpot.timeMs.length; i++) cPrice.data.datasets[HL].data.push({ x: h.hlSpot.timeMs[i], y: h.hlSpot.mid[i] });
      lastHlMs = h.hlSpot.timeMs.length ? h.hlSpot.timeMs[h.hlSpot.timeMs.length - 1] : 0;
    }
    lastSpreadMs = h.timeMs.length ? h.timeMs[h.timeMs.length - 1] : 0;
    document.getElementById('histinfo').textContent = h.points + ' of ' + h.matched + ' snapshots in range (' + h.kept + ' kept in memory since ' + PS.fmtTime(h.oldestKeptMs) + ')';
    updateCharts();
  } catch (e) { showError(e); }
}
function showError(e) {
  document.getElementById('err').innerHTML = '<div class="error">' + PS.esc(e.message) + '</div>';
}
function summary(r) {
  lastRow = r;
  const kv = [['spot', PS.fmtPrice(r.spot) + ' · ' + (r.spotSource || '—')], ['perp bid / ask', PS.fmtPrice(r.perpBid) + ' / ' + PS.fmtPrice(r.perpAsk) + ' · ' + (r.perpSource || '—')],
    ['mark / oracle', PS.fmtPrice(r.mark) + ' / ' + PS.fmtPrice(r.oracle)], ['basis', PS.fmtBps(r.basisBps) + ' bps'],
    ['z', PS.fmtNum(r.z, 2) + ' (' + r.samples + ' samples)'],
    ['funding', (r.fundingHourly === null ? '—' : (parseFloat(r.fundingHourly) * 100).toFixed(4) + '%/h') + ' · APR ' + (r.fundingAprPct === null ? '—' : r.fundingAprPct.toFixed(1) + '%')],
    ['Hyperliquid spot', r.hlSpot ? PS.fmtPrice(r.hlSpot) + ' · bid / ask ' + PS.fmtPrice(r.hlSpotBid) + ' / ' + PS.fmtPrice(r.hlSpotAsk) : '— (no Hyperliquid spot book)'],
    ['best pair', r.bestPair ? r.bestPair + ' · net ' + PS.fmtBps(r.bestNetBps) + ' bps' : '— (no opportunity in the last 5 minutes)']];
  (r.pairs || []).forEach(p => {
    if (!p || (p.basisBps === null && p.netBps === null)) return;
    kv.push([p.pair, 'basis ' + PS.fmtBps(p.basisBps) + ' bps · z ' + PS.fmtNum(p.z, 2) +
      (p.netBps === null ? '' : ' · last opportunity ' + p.direction + ' net ' + PS.fmtBps(p.netBps) + ' bps at ' + PS.fmtTime(p.opportunityTimeMs))]);
  });
  kv.push(['coin · mint', (r.coin || '') + ' · ' + (r.mint || '')], ['opportunities', r.opportunities]);
  document.getElementById('summary').innerHTML = kv.map(([k, v]) => '<div>' + PS.esc(k) + '</div><div>' + PS.esc(v) + '</div>').join('');
}

// Slippage by size on both venues, from the execution model on the journal's state.
const cSlip = new Chart(document.getElementById('cSlip'), {
  type: 'line',
  data: { datasets: [ds('perp buy (asks)', '#2fbf71'), ds('perp sell (bids)', '#e5534b'),
    ds('spot buy (Jupiter)', '#4c9aff', { borderDash: [3, 2] }), ds('spot sell (Jupiter)', '#c678dd', { borderDash: [3, 2] }),
    ds('tolerance', '#f0a33a', { borderDash: [6, 4], borderWidth: 1 })] },
  options: { maintainAspectRatio: false, parsing: false, animation: false, elements: { point: { radius: 2 } },
    scales: { x: { type: 'logarithmic', title: { display: true, text: 'notional USD' }, ticks: { callback: v => [100, 1000, 10000, 100000].includes(v) ? PS.fmtUsd(v) : '' } },
      y: { title: { display: true, text: 'bps vs mid' }, suggestedMin: 0 } } }
});
let slipData = null;
function drawTolerance() {
  const tol = +document.getElementById('tol').value;
  document.getElementById('tolv').textContent = tol;
  cSlip.data.datasets[4].data = [{ x: 100, y: tol }, { x: 100000, y: tol }];
  cSlip.update('none');
}
document.getElementById('tol').value = PS.prefs.get('toleranceBps', 50);
document.getElementById('tol').oninput = () => { PS.prefs.set('toleranceBps', +document.getElementById('tol').value); drawTolerance(); };
async function loadSlippage() {
  try {
    const s = await PS.api('/api/tokens/' + encodeURIComponent(symbol) + '/slippage' + (onEngine ? '?' + onEngine : ''));
    slipData = s;
    const pts = (arr, k) => (arr || []).filter(p => p[k + 'Bps'] !== null).map(p => ({ x: p.usd, y: p[k + 'Bps'] }));
    cSlip.data.datasets[0].data = pts(s.perp, 'buy');
    cSlip.data.datasets[1].data = pts(s.perp, 'sell');
    cSlip.data.datasets[2].data = pts(s.spot, 'buy');
    cSlip.data.datasets[3].data = pts(s.spot, 'sell');
    const src = (arr) => [...new Set((arr || []).flatMap(p => [p.buySource, p.sellSource]).filter(x => x))].join('/') || '—';
    document.getElementById('slipnote').textContent = s.perpNote + ' [' + src(s.perp) + (s.bookTimeMs ? ', book of ' + PS.fmtTime(s.bookTimeMs) : '') + ']. ' +
      s.spotNote + ' [' + src(s.spot) + (s.ladderTimeMs ? ', ladder of ' + PS.fmtTime(s.ladderTimeMs) : ', no ladder journaled') + ']. Sizes beyond the known depth are left out. Bands: green ≤ ' +
      s.bands.greenMaxBps + ', orange ≤ ' + s.bands.orangeMaxBps + ' bps.';
    drawTolerance();
  } catch (e) { showError(e); }
}
document.getElementById('range').onchange = loadHistory;

PS.api('/api/tokens/' + encodeURIComponent(symbol) + (onEngine ? '?' + onEngine : '')).then(r => {
  summary(r);
  loadHistory();
  loadSlippage();
  PS.connect({
    subscribe: { tokens: [symbol], sizes: 'none' }, // this token's row; its curve comes from /slippage
    alerts: symbol,
    batch: m => m.rows.filter(r => r.symbol === symbol && (r.engine || null) === engine).forEach(r => {
      summary(r);
      if (r.spreadTimeMs && r.spreadTimeMs > lastSpreadMs) {
        lastSpreadMs = r.spreadTimeMs;
        addPoint(r.spreadTimeMs, { spot: r.spot === null ? null : parseFloat(r.spot), perp: r.perp === null ? null : parseFloat(r.perp), basis: r.basisBps, z: r.z, mean: r.mean, std: r.std, funding: r.fundingHourly === null ? null : parseFloat(r.fundingHourly) });
        updateCharts();
      }
      let moved = false;
      (r.pairs || []).slice(1).forEach(p => {
        if (!p || !p.spreadTimeMs) return;
        const set = pairSet(p.pair);
        if (p.spreadTimeMs > set.lastMs) {
          set.lastMs = p.spreadTimeMs;
          set.basis.data.push({ x: p.spreadTimeMs, y: p.basisBps });
          set.z.data.push({ x: p.spreadTimeMs, y: p.z });
          moved = true;
        }
      });
      if (r.hlSpot && r.hlSpotTimeMs > lastHlMs) {
        lastHlMs = r.hlSpotTimeMs;
        cPrice.data.datasets[HL].data.push({ x: r.hlSpotTimeMs, y: parseFloat(r.hlSpot) });
        moved = true;
      }
      if (moved) updateCharts();
    })
  });
  setInterval(loadSlippage, 5000);
}).catch(showError);
