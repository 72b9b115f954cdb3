// Polls the gateway's state every second and redraws. No libraries: it must work offline.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
  }

  function ms(v) {
    if (v === null || v === undefined) return '-';
    return v >= 1000 ? (v / 1000).toFixed(1) + ' s' : v + ' ms';
  }

  function tokens(r) {
    const i = r.inputTokens >= 0 ? r.inputTokens : '-';
    const o = r.outputTokens >= 0 ? r.outputTokens : '-';
    return i + ' / ' + o;
  }

  function badge(el, text) {
    el.textContent = text;
    el.className = 'badge ' + String(text).replace(/\s+/g, '-');
  }

  function renderCredentials(c) {
    c = c || {};
    badge($('cred-state'), c.state || 'unknown');
    const left = c.expiresInSeconds;
    $('cred-expiry').textContent = c.expiresAt
      ? c.expiresAt + (left !== null && left !== undefined ? ' (in ' + Math.round(left / 60) + ' min)' : '')
      : '-';
    $('cred-source').textContent = c.source || '-';
    $('cred-error').textContent = c.lastError || '';
  }

  function renderAccounts(view) {
    const body = $('accounts');
    body.replaceChildren();
    for (const a of (view && view.accounts) || []) {
      const row = document.createElement('tr');
      row.dataset.account = a.name;
      const u = a.usageLimits || {};
      const c = a.credentials || {};
      cell(row, a.name); cell(row, a.state); cell(row, a.until || '-');
      cell(row, a.concurrency ? a.concurrency.inUse + (a.concurrency.max ? '/' + a.concurrency.max : '') : '-');
      cell(row, a.requestsServed); cell(row, (a.creditsUsed || 0).toFixed(2));
      cell(row, u.creditsRemaining === null || u.creditsRemaining === undefined ? '-' : u.creditsRemaining.toFixed(1));
      cell(row, u.nextReset || '-'); cell(row, c.state || '-');
      body.appendChild(row);
    }
  }

  function renderInFlight(list) {
    $('inflight-count').textContent = list.length;
    const body = $('inflight');
    body.replaceChildren();
    for (const r of list) {
      const row = document.createElement('tr');
      row.dataset.id = r.id;
      cell(row, r.id); cell(row, r.api); cell(row, r.model); cell(row, r.stream ? 'yes' : 'no');
      cell(row, ms(r.ageMs)); cell(row, ms(r.ttftMs));
      body.appendChild(row);
    }
  }

  function renderRecent(list) {
    const body = $('recent');
    body.replaceChildren();
    for (const r of list) {
      const row = document.createElement('tr');
      row.className = 'request' + (r.status >= 400 || r.outcome ? ' failed' : '');
      row.dataset.id = r.id;
      cell(row, r.time.substring(11, 19));
      cell(row, r.api);
      cell(row, r.model);
      cell(row, r.status + (r.outcome ? ' ' + r.outcome : ''), 'status');
      cell(row, ms(r.ttftMs));
      cell(row, ms(r.durationMs));
      cell(row, tokens(r));
      cell(row, r.credits === null ? '-' : r.credits.toFixed(4));
      cell(row, r.id);
      body.appendChild(row);
    }
  }

  function renderTotals(t) {
    $('total-count').textContent = t.requests;
    $('failed-count').textContent = t.failed;
    $('error-rate').textContent = (t.errorRate * 100).toFixed(1) + '%';
    $('by-status').textContent = Object.entries(t.byStatus)
      .map(([k, v]) => k + ': ' + v).join('  ');
  }

  // Oldest on the left. Requests without a first token (errors, non-chat routes) plot TTFT 0.
  function renderChart(recent) {
    const points = recent.slice(0, 60).reverse();
    const w = 600, h = 160;
    const max = Math.max(1000, ...points.map((r) => r.durationMs));
    const x = (i) => points.length < 2 ? w / 2 : (i * w) / (points.length - 1);
    const y = (v) => h - 4 - ((v || 0) / max) * (h - 8);
    $('line-duration').setAttribute('points',
      points.map((r, i) => x(i).toFixed(1) + ',' + y(r.durationMs).toFixed(1)).join(' '));
    $('line-ttft').setAttribute('points',
      points.map((r, i) => x(i).toFixed(1) + ',' + y(r.ttftMs).toFixed(1)).join(' '));
    const grid = $('grid');
    grid.replaceChildren();
    for (let k = 1; k < 4; k++) {
      const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
      line.setAttribute('x1', 0); line.setAttribute('x2', w);
      line.setAttribute('y1', (h * k) / 4); line.setAttribute('y2', (h * k) / 4);
      grid.appendChild(line);
    }
    $('chart-max').textContent = 'top = ' + (max / 1000).toFixed(1) + ' s';
  }

  function render(s) {
    $('version').textContent = s.version;
    badge($('health'), s.status);
    $('updated').textContent = 'updated ' + s.time.substring(11, 19) + ' UTC';
    const first = s.accounts && s.accounts.accounts && s.accounts.accounts[0];
    renderCredentials(s.credentials || (first && first.credentials));
    renderAccounts(s.accounts);
    renderInFlight(s.inFlight);
    renderRecent(s.recent);
    renderTotals(s.totals);
    renderChart(s.recent);
    document.body.dataset.loaded = 'true';
  }

  async function poll() {
    try {
      const r = await fetch('/dashboard/api/state', { credentials: 'same-origin', cache: 'no-store' });
      if (r.status === 401) {
        window.location.href = '/dashboard';
        return;
      }
      render(await r.json());
    } catch (e) {
      $('updated').textContent = 'gateway unreachable: ' + e;
    }
    setTimeout(poll, 1000);
  }

  poll();
})();
