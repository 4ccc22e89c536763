'use strict';
PS.header('Simulation');
PS.connect({ subscribe: { tokens: [] } });
Chart.defaults.color = '#8a96a3';
Chart.defaults.borderColor = '#26303b';
Chart.defaults.animation = false;
const status = document.getElementById('status');
let lastResult = null, hist = null, equity = null;

function showStatus(cls, text) { status.innerHTML = '<div class="' + cls + '" id="sim-' + cls + '">' + PS.esc(text) + '</div>'; }
document.getElementById('form').addEventListener('submit', ev => ev.preventDefault());

const params = new URLSearchParams(location.search);
const templatesReady = PS.api('/api/templates').then(t => {
  document.getElementById('template').innerHTML = t.templates.map(x => '<option value="' + PS.esc(x.name) + '">' + PS.esc(x.name) + ' (' + PS.esc(x.token) + ')</option>').join('');
  if (params.get('template')) document.getElementById('template').value = params.get('template');
}).catch(e => showStatus('error', 'Templates: ' + e.message));
const tokensReady = PS.api('/api/tokens').then(t => {
  document.getElementById('token').innerHTML = t.tokens.map(r => '<option>' + PS.esc(r.symbol) + '</option>').join('');
  if (params.get('token')) document.getElementById('token').value = params.get('token');
  // default range: the journal's last 10 minutes of event time
  const last = Math.max(0, ...t.tokens.map(r => r.spreadTimeMs || 0));
  if (last && !document.getElementById('from').value) {
    document.getElementById('from').value = new Date(last - 600000).toISOString();
    document.getElementById('to').value = new Date(last).toISOString();
  }
});
document.getElementById('template').addEventListener('change', () => {
  const opt = document.getElementById('template').selectedOptions[0];
  const m = opt && /\(([^)]+)\)$/.exec(opt.textContent);
  if (m) { const tok = document.getElementById('token'); if ([...tok.options].some(o => o.value === m[1])) tok.value = m[1]; }
});

async function run() {
  const body = { template: document.getElementById('template').value, token: document.getElementById('token').value,
    sizeUsd: Number(document.getElementById('size').value), paths: Number(document.getElementById('paths').value), seed: Number(document.getElementById('seed').value) };
  const from = document.getElementById('from').value.trim(), to = document.getElementById('to').value.trim();
  if (from) body.from = from;
  if (to) body.to = to;
  showStatus('notice', 'Replaying the journal and running ' + body.paths.toLocaleString() + ' paths…');
  try {
    const r = await PS.api('/api/simulate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    status.innerHTML = '';
    render(r);
  } catch (e) {
    showStatus('error', 'Simulation: ' + e.message + ' (HTTP ' + e.status + ')');
  }
}
document.getElementById('run').addEventListener('click', run);

/** Vertical lines at P&L values on the histogram's linear x axis (VaR and CVaR as losses: at −value). */
const lineMarks = {
  id: 'lineMarks',
  afterDatasetsDraw(chart, args, opts) {
    const x = chart.scales.x, area = chart.chartArea, g = chart.ctx;
    (opts.lines || []).forEach(l => {
      const px = x.getPixelForValue(l.value);
      if (!isFinite(px) || px < area.left || px > area.right) return;
      g.save(); g.strokeStyle = l.color; g.setLineDash([5, 4]); g.lineWidth = 1.5;
      g.beginPath(); g.moveTo(px, area.top); g.lineTo(px, area.bottom); g.stroke();
      g.restore();
    });
    // the labels in a key at the top right, so close lines do not overprint each other
    (opts.lines || []).forEach((l, i) => {
      g.save(); g.fillStyle = l.color; g.font = '11px sans-serif'; g.textAlign = 'right';
      g.fillText('- - ' + l.label + ' (at −' + l.label.split(' ')[0] + ')', area.right - 4, area.top + 12 + i * 13);
      g.restore();
    });
  }
};

function render(r) {
  lastResult = r;
  document.getElementById('result').style.display = '';
  const bins = r.histogram || [];
  const lines = [['VaR95', r.var95, '#f0a33a', 0], ['CVaR95', r.cvar95, '#e5534b', 1], ['VaR99', r.var99, '#c678dd', 2], ['CVaR99', r.cvar99, '#ff6b81', 3]]
    .filter(l => typeof l[1] === 'number').map(l => ({ label: l[0] + ' ' + l[1].toFixed(2), value: -l[1], color: l[2], row: l[3] }));
  if (hist) hist.destroy();
  hist = new Chart(document.getElementById('cHist'), {
    type: 'bar',
    data: { datasets: [{ label: 'paths per P&L bin (USD)', data: bins.map(b => ({ x: (b.lo + b.hi) / 2, y: b.count })), backgroundColor: '#4c9aff',
      barPercentage: 1, categoryPercentage: 1 }] },
    options: { maintainAspectRatio: false, parsing: { xAxisKey: 'x', yAxisKey: 'y' },
      scales: { x: { type: 'linear', title: { display: true, text: 'P&L USD' } }, y: { title: { display: true, text: 'paths' } } },
      plugins: { lineMarks: { lines } } },
    plugins: [lineMarks]
  });
  hist.$varLines = lines;
  const bt = r.backtest || { equity: [] };
  if (equity) equity.destroy();
  equity = new Chart(document.getElementById('cEquity'), {
    type: 'line',
    data: { datasets: [
      { label: 'simulated P&L (cumulative USD)', data: bt.equity.map(p => ({ x: p.timeMs, y: p.pnl })), borderColor: '#2fbf71', backgroundColor: '#2fbf71', pointRadius: 1, stepped: true },
      { label: 'expected (net edge, cumulative)', data: bt.equity.map(p => ({ x: p.timeMs, y: p.expected })), borderColor: '#8a96a3', borderDash: [4, 3], pointRadius: 0, stepped: true }] },
    options: { maintainAspectRatio: false, parsing: false,
      scales: { x: { type: 'linear', ...(bt.equity.length === 1 ? { min: bt.equity[0].timeMs - 60000, max: bt.equity[0].timeMs + 60000 } : {}), ticks: { maxTicksLimit: 6, callback: v => new Date(v).toISOString().substring(11, 19) } } } }
  });
  const n = (x, d) => PS.fmtNum(x, d === undefined ? 2 : d);
  const pct = x => x === null || x === undefined ? '—' : (x * 100).toFixed(1) + '%';
  const e = r.estimate || {};
  const leg = l => l ? n(l.slippageBps, 1) + ' bps <span class="' + PS.bandClass(l.band) + '" data-band="' + l.band + '">' + l.band + '</span> (' + PS.esc(l.source) + ')' : '—';
  const stats = [
    ['template', PS.esc(r.template) + (r.retargeted ? ' <span class="muted">(for ' + PS.esc(r.templateToken) + ', applied to ' + PS.esc(r.token) + ')</span>' : '')],
    ['token · size', PS.esc(r.token) + ' · $' + Number(r.sizeUsd).toLocaleString()],
    ['direction', PS.esc(e.direction)], ['net edge', n(e.netEdgeBps, 1) + ' bps = $' + n(e.netEdgeUsd)],
    ['perp entry slippage', leg(e.perpEntry)], ['spot entry slippage', leg(e.spotEntry)],
    ['P&L mean · median', '$' + n(r.pnl.mean) + ' · $' + n(r.pnl.p50)], ['P&L p5 · p95', '$' + n(r.pnl.p5) + ' · $' + n(r.pnl.p95)],
    ['VaR / CVaR 95%', '$' + n(r.var95) + ' / $' + n(r.cvar95)], ['VaR / CVaR 99%', '$' + n(r.var99) + ' / $' + n(r.cvar99)],
    ['Sharpe · Sortino', n(r.sharpe) + ' · ' + n(r.sortino)], ['probability of profit', pct(r.probabilityOfProfit)],
    ['passes template', r.passesTemplate ? 'yes' : 'no: ' + PS.esc((r.checkReasons || []).join('; '))],
    ['paths · seed', r.paths.toLocaleString() + ' · ' + r.seed]];
  document.getElementById('stats').innerHTML = stats.map(([k, v]) => '<div>' + PS.esc(k) + '</div><div data-stat="' + PS.esc(k) + '">' + v + '</div>').join('');
  const f = r.fills || {};
  const rg = r.range || {};
  const fills = [
    ['Monte Carlo fills', 'both ' + pct(f.bothFraction) + ' · one leg ' + pct(f.oneLegFraction) + ' · none ' + (f.none || 0)],
    ['execution p50 · p99', n(f.executionP50Seconds, 3) + ' s · ' + n(f.executionP99Seconds, 3) + ' s'],
    ['range', PS.fmtTime(rg.fromMs) + ' → ' + (rg.toMs ? PS.fmtTime(rg.toMs) : 'end') + ' (' + (rg.inputEventsFolded || 0).toLocaleString() + ' events replayed; state at ' + PS.fmtTime(rg.stateTimeMs) + ')'],
    ['trades in range', bt.trades + (Object.keys(bt.skipped || {}).length ? ' (skipped: ' + PS.esc(Object.entries(bt.skipped).map(x => x[0] + ' ' + x[1]).join(', ')) + ')' : '')],
    ['range P&L · expected', '$' + n(bt.totalPnlUsd) + ' · $' + n(bt.expectedPnlUsd)],
    ['range Sharpe · win rate', n(bt.sharpe) + ' · ' + pct(bt.winRate)],
    ['range max drawdown', '$' + n(bt.maxDrawdownUsd)],
    ['range fills', PS.esc(Object.entries(bt.fills || {}).map(x => x[0] + ' ' + x[1]).join(' · '))]];
  document.getElementById('fills').innerHTML = fills.map(([k, v]) => '<div>' + PS.esc(k) + '</div><div>' + v + '</div>').join('');
}

function csv() {
  const r = lastResult;
  const rows = [['section', 'key', 'value', 'extra1', 'extra2']];
  rows.push(['run', 'template', r.template, r.token, r.sizeUsd]);
  ['paths', 'seed', 'var95', 'cvar95', 'var99', 'cvar99', 'sharpe', 'sortino', 'probabilityOfProfit', 'maxDrawdownUsd'].forEach(k => rows.push(['stat', k, r[k]]));
  Object.entries(r.pnl).forEach(([k, v]) => rows.push(['pnl', k, v]));
  Object.entries(r.fills).forEach(([k, v]) => rows.push(['fills', k, v]));
  (r.histogram || []).forEach(b => rows.push(['histogram', 'bin', b.count, b.lo, b.hi]));
  ((r.backtest || {}).tradeList || []).forEach(t => rows.push(['trade', t.timeMs, t.pnlUsd, t.fill, t.expectedUsd]));
  return rows.map(x => x.map(v => v === null || v === undefined ? '' : String(v).replace(/[",\n]/g, ' ')).join(',')).join('\n') + '\n';
}
document.getElementById('csv').addEventListener('click', () => {
  if (!lastResult) return;
  const blob = new Blob([csv()], { type: 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'perpspot-simulation.csv';
  a.click();
});
window.PS_SIM = { csv, result: () => lastResult, hist: () => hist };
if (params.get('result') === 'session') {
  const saved = sessionStorage.getItem('perpspot.simulation');
  if (saved) render(JSON.parse(saved));
}
