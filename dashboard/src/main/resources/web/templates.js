/* perpspot dashboard: the simulation page's templates card (list, add or replace, delete user templates). */
'use strict';
(() => {
  const status = document.getElementById('tpl-status');
  const say = (cls, text) => { status.innerHTML = '<div class="' + cls + '" id="tpl-' + cls + '">' + PS.esc(text) + '</div>'; };
  const val = id => document.getElementById(id).value.trim();

  async function refresh() {
    const t = await PS.api('/api/templates');
    const sel = document.getElementById('template'), keep = sel.value;
    sel.innerHTML = t.templates.map(x => '<option value="' + PS.esc(x.name) + '">' + PS.esc(x.name) + ' (' + PS.esc(x.token) + ')</option>').join('');
    if ([...sel.options].some(o => o.value === keep)) sel.value = keep;
    document.querySelector('#tpl-list tbody').innerHTML = t.templates.map(x => '<tr data-name="' + PS.esc(x.name) + '">' +
      '<td class="l">' + PS.esc(x.name) + '</td><td class="l">' + PS.esc(x.token) + '</td><td>' + x.notionalUsd + '</td><td>' + x.maxLatencyMs +
      '</td><td>' + x.minSpreadBps + '</td><td>' + x.fundingThresholdBps + '</td><td class="l">' + PS.esc(x.direction) + '</td><td>' + x.riskMultiplier +
      '</td><td class="l">' + PS.esc(x.source) + '</td><td>' + (x.source === 'user' ? '<button class="tpl-delete">Delete</button>' : '') + '</td></tr>').join('');
    if (t.userFile) document.getElementById('tpl-file').textContent = t.userFile;
  }

  async function save() {
    const body = { name: val('tpl-name'), token: val('tpl-token'), 'notional-usd': Number(val('tpl-notional')),
      'max-latency': val('tpl-latency'), 'min-spread-bps': Number(val('tpl-spread')), 'funding-threshold-bps': Number(val('tpl-funding')),
      direction: val('tpl-direction'), 'risk-multiplier': Number(val('tpl-risk')) };
    if (val('tpl-horizon')) body['holding-horizon'] = val('tpl-horizon');
    try {
      const r = await PS.api('/api/templates', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      say('notice', 'Saved "' + r.saved + '" to ' + r.userFile);
      await refresh();
    } catch (e) { say('error', e.message + ' (HTTP ' + e.status + ')'); }
  }

  async function remove(name) {
    try {
      await PS.api('/api/templates/' + encodeURIComponent(name), { method: 'DELETE' });
      say('notice', 'Deleted "' + name + '"');
      await refresh();
    } catch (e) { say('error', e.message + ' (HTTP ' + e.status + ')'); }
  }

  document.getElementById('tpl-form').addEventListener('submit', ev => { ev.preventDefault(); save(); });
  document.querySelector('#tpl-list tbody').addEventListener('click', ev => {
    if (ev.target.classList.contains('tpl-delete')) remove(ev.target.closest('tr').dataset.name);
  });
  refresh().catch(e => say('error', 'Templates: ' + e.message));
})();
