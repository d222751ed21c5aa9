// Streamscore dashboard: draws the snapshots that /api/events pushes (or /api/snapshot with ?mode=poll).
(function () {
  'use strict';
  const PSI_WARN = 0.1;
  const PSI_DRIFT = 0.2;
  const state = { updates: 0, last: null };
  window.streamscore = state;

  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
  const $ = (id) => document.getElementById(id);

  function lineChart(id, series) {
    const el = $(id);
    const opts = {
      width: Math.max(300, el.clientWidth), height: 200,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds' }, { size: 70 }],
      series: [{ label: 's' }].concat(series.map(([label, stroke]) => ({ label, stroke, width: 2, spanGaps: true }))),
    };
    return uPlot ? new uPlot(opts, [[]].concat(series.map(() => [])), el) : null;
  }

  function barChart(id) {
    const el = $(id);
    const opts = {
      width: Math.max(300, el.clientWidth), height: 200,
      scales: { x: { time: false, range: [0, 1] } },
      axes: [{ label: 'score' }, { size: 70 }],
      series: [{}, { label: 'events', fill: 'rgba(76,139,245,0.5)', stroke: '#4c8bf5',
        paths: uPlot.paths.bars({ size: [0.9, 60] }), points: { show: false } }],
    };
    return new uPlot(opts, [[], []], el);
  }

  const charts = {
    throughput: lineChart('throughput-chart', [['in', '#4c8bf5'], ['scored', '#40a02b']]),
    latency: lineChart('latency-chart', [['p50', '#4c8bf5'], ['p99', '#d20f39']]),
    alerts: lineChart('alerts-chart', [['alerts/s', '#df8e1d']]),
    score: barChart('score-chart'),
  };

  function setChart(name, id, data) {
    charts[name].setData(data);
    $(id).dataset.points = String(data[0].length);
  }

  function text(id, value) { $(id).textContent = value; }

  function rows(tableId, cells, whenEmpty) {
    const body = $(tableId).querySelector('tbody');
    body.innerHTML = '';
    if (cells.length === 0 && whenEmpty) {
      cells = [[whenEmpty]];
      $(tableId).classList.add('muted');
    } else {
      $(tableId).classList.remove('muted');
    }
    cells.forEach((row) => {
      const tr = document.createElement('tr');
      row.forEach((cell) => {
        const td = document.createElement('td');
        if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $(tableId).dataset.rows = String(cells.length);
  }

  function bar(fraction, cls) {
    const div = document.createElement('div');
    div.className = 'bar ' + (cls || '');
    div.style.width = (Math.max(0.02, Math.min(1, fraction)) * 8) + 'em'; // the same scale in every row
    return div;
  }

  function psiClass(psi) {
    if (psi === null) { return ''; }
    return psi >= PSI_DRIFT ? 'psi-drift' : psi >= PSI_WARN ? 'psi-warn' : 'psi-ok';
  }

  function render(s) {
    state.updates += 1;
    state.last = s;
    const status = $('status');
    status.textContent = s.error ? s.error : 'live, updated ' + new Date(s.time).toLocaleTimeString();
    status.className = s.error ? 'status error' : 'status';

    const t = s.totals;
    const series = s.series;
    const rates = series.events_in;
    text('events-in', number.format(t.events_in));
    text('events-rate', rates.length ? number.format(rates[rates.length - 1] || 0) : '-');
    text('scored', number.format(t.scored));
    text('alerts', number.format(t.alerts + t.drift_alerts));
    text('dead-letters', number.format(t.dead_letters));
    text('late', number.format(t.late));
    text('watermark-lag', t.watermark_lag_ms === null ? '-' : number.format(t.watermark_lag_ms) + ' ms');
    text('checkpoint', t.checkpoint_duration_ms === null ? '-' : number.format(t.checkpoint_duration_ms) + ' ms');

    setChart('throughput', 'throughput-chart', [series.t, series.events_in, series.scored]);
    setChart('latency', 'latency-chart', [series.t, series.latency_p50_ms, series.latency_p99_ms]);
    setChart('alerts', 'alerts-chart', [series.t, series.alerts]);
    const h = s.score_histogram;
    const mids = h.bounds.map((b, i) => (i === 0 ? b / 2 : (b + h.bounds[i - 1]) / 2));
    setChart('score', 'score-chart', [mids, h.counts]);

    rows('drift', s.drift.map((d) => [d.feature, d.psi === null ? 'collecting' : decimal.format(d.psi),
      bar(d.psi === null ? 0 : d.psi / 0.5, psiClass(d.psi)), number.format(d.samples) + ' in window']),
      'no drift monitor: add monitoring.drift and a model with baselines to the spec');
    rows('models', s.models.map((m) => [m.model + ' v' + m.version, number.format(m.events) + ' events',
      bar(m.share), Math.round(m.share * 100) + '%',
      m.latency_p50_us === null ? '' : 'p50 ' + decimal.format(m.latency_p50_us) + ' us']),
      'no model: scores are empty until the spec names one');
    const shares = Object.entries(s.canary_share || {}).map(([model, share]) =>
      model + ' ' + (share === null ? '-' : decimal.format(share * 100) + '%'));
    text('canary-share', shares.length === 0 ? '' : 'Decided by a canary since the current plan: ' + shares.join(', '));
    const reasons = Object.entries(s.dead_letters_by_reason);
    rows('dead-letter-reasons', reasons.map(([reason, n]) => [reason, number.format(n)])
      .concat([['late events', number.format(t.late)]]));

    const feed = $('recent-alerts');
    feed.innerHTML = '';
    s.recent_alerts.forEach((a) => {
      const li = document.createElement('li');
      const rule = document.createElement('span');
      rule.className = 'rule' + (a.rule === 'drift' ? ' drift-rule' : '');
      rule.textContent = a.rule;
      li.appendChild(rule);
      li.appendChild(document.createTextNode(a.key + (a.psi !== undefined ? ' PSI ' + decimal.format(a.psi) : '')
        + (a.score !== undefined ? ' score ' + decimal.format(a.score) : '')
        + ' at ' + new Date(a.event_time).toLocaleTimeString()));
      feed.appendChild(li);
    });
    feed.dataset.items = String(s.recent_alerts.length);
  }

  function poll() {
    fetch('/api/snapshot').then((r) => r.json()).then(render).catch((e) => { $('status').textContent = String(e); });
  }

  if (new URLSearchParams(location.search).get('mode') === 'poll' || !window.EventSource) {
    poll();
    setInterval(poll, 1000);
  } else {
    const events = new EventSource('/api/events');
    events.onmessage = (e) => render(JSON.parse(e.data));
    events.onerror = () => { $('status').textContent = 'reconnecting...'; $('status').className = 'status error'; };
  }
})();
