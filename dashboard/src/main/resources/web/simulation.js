'use strict';
PS.header('Simulation');
PS.connect({});
const status = document.getElementById('status');
let lastResult = null, hist = null, equity = null;

function showStatus(cls, text) { status.innerHTML = '<div class="' + cls + '" id="sim-' + cls + '">' + PS.esc(text) + '</div>'; }

PS.api('/api/templates').then(t => {
  document.getElementById('template').innerHTML = t.templates.map(x => '<option>' + PS.esc(x.name) + '</option>').join('');
}).catch(e => {
  document.getElementById('template').innerHTML = '<option value="">(none)</option>';
  showStatus('notice', 'Templates: ' + e.message);
});
PS.api('/api/tokens').then(t => {
  document.getElementById('token').innerHTML = t.tokens.map(r => '<option>' + PS.esc(r.symbol) + '</option>').join('');
});

document.getElementById('run').onclick = async () => {
  const body = { template: document.getElementById('template').value || 'default', token: document.getElementById('token').value,
    sizeUsd: Number(document.getElementById('size').value), paths: Number(document.getElementById('paths').value), seed: Number(document.getElementById('seed').value) };
  const from = document.getElementById('from').value.trim(), to = document.getElementById('to').value.trim();
  if (from) body.from = from;
  if (to) body.to = to;
  showStatus('notice', 'Running…');
  try {
    const r = await PS.api('/api/simulate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    status.innerHTML = '';
    render(r);
  } catch (e) {
    showStatus('error', 'Simulation: ' + e.message + ' (HTTP ' + e.status + ')');
  }
};

/**
 * Renders a SimulationService result. Expected keys (the execution model's contract):
 * histogram [{lo, hi, count}], var95, cvar95, sharpe, probabilityOfProfit, mean, median, p5, p95,
 * equity [{timeMs, pnl}], fills {…}. Unknown keys are listed as they are.
 */
function render(r) {
  lastResult = r;
  document.getElementById('result').style.display = '';
  const bins = r.histogram || [];
  if (hist) hist.destroy();
  const lines = [['VaR', r.var95, '#f0a33a'], ['CVaR', r.cvar95, '#e5534b']].filter(l => typeof l[1] === 'number');
  hist = new Chart(document.getElementById('cHist'), {
    type: 'bar',
    data: { labels: bins.map(b => ((b.lo + b.hi) / 2).toFixed(2)), datasets: [{ label: 'paths', data: bins.map(b => b.count), backgroundColor: '#4c9aff' }] },
    options: { maintainAspectRatio: false, animation: false, plugins: { subtitle: { display: lines.length > 0, text: lines.map(l => l[0] + ' ' + l[1].toFixed(2)).join('   ') } } }
  });
  if (equity) equity.destroy();
  const eq = r.equity || [];
  equity = new Chart(document.getElementById('cEquity'), {
    type: 'line', data: { labels: eq.map(p => PS.fmtTime(p.timeMs)), datasets: [{ label: 'PnL', data: eq.map(p => p.pnl), borderColor: '#2fbf71', pointRadius: 0 }] },
    options: { maintainAspectRatio: false, animation: false }
  });
  const skip = new Set(['histogram', 'equity']);
  document.getElementById('stats').innerHTML = Object.keys(r).filter(k => !skip.has(k))
    .map(k => '<div>' + PS.esc(k) + '</div><div>' + PS.esc(typeof r[k] === 'object' ? JSON.stringify(r[k]) : r[k]) + '</div>').join('');
}
document.getElementById('csv').onclick = () => {
  if (!lastResult) return;
  const rows = [['lo', 'hi', 'count'], ...(lastResult.histogram || []).map(b => [b.lo, b.hi, b.count])];
  const blob = new Blob([rows.map(r => r.join(',')).join('\n') + '\n'], { type: 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'perpspot-simulation.csv';
  a.click();
};
if (new URLSearchParams(location.search).get('result') === 'session') {
  const saved = sessionStorage.getItem('perpspot.simulation');
  if (saved) render(JSON.parse(saved));
}
