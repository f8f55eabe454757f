// Guarantor dashboard: picks a scenario, sends the user's changes to POST /api/assess and draws
// the answer. Every piece of data reaches the page through textContent or a fixed attribute,
// never innerHTML, so scenario text cannot become markup. No framework, no build step.
'use strict';

const state = {
  scenario: null,
  outline: null,
  baseline: null,
  without: new Set(),
  off: new Set(),
  quantities: new Map(),
  basis: null,
  request: 0,
  seq: 0,
};

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('data-')) e.setAttribute(k, String(v));
      else e[k] = v;
    }
  }
  for (const c of children) {
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}

function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  // `|| 0` turns the engine's -0 into 0, which people read more easily.
  const r = Math.round(x * 10) / 10 || 0;
  return r.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

function gapCell(gap) {
  return gap > 0 ? el('span', { class: 'gap' }, '−' + fmt(gap)) : el('span', { class: 'ok' }, 'ok');
}

function showError(text) {
  const e = document.getElementById('error');
  e.textContent = text || '';
  e.hidden = !text;
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
  const r = await fetch(path, init);
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || ('HTTP ' + r.status));
  return data;
}

function request() {
  const set = [];
  if (state.basis && state.outline && state.basis !== state.outline.quantity_basis) {
    set.push('scenario.quantity_basis=' + state.basis);
  }
  for (const [id, q] of state.quantities) set.push('pledges.' + id + '.quantity=' + q);
  return {
    scenario: state.scenario,
    without: [...state.without].sort(),
    off: [...state.off].sort(),
    set,
  };
}

async function reassess() {
  const mine = ++state.request;
  const t0 = performance.now();
  let a;
  try {
    a = await api('/api/assess', request());
  } catch (err) {
    if (mine === state.request) {
      showError(err.message);
      document.body.dataset.state = 'error';
    }
    return;
  }
  if (mine !== state.request) return; // a newer change is on its way
  showError('');
  render(a);
  const ms = performance.now() - t0;
  state.seq += 1;
  document.body.dataset.ms = ms.toFixed(1);
  document.body.dataset.seq = String(state.seq);
  document.body.dataset.state = 'ready';
  document.getElementById('timing').textContent = 'assessed in ' + ms.toFixed(1) + ' ms';
}

function render(a) {
  const s = a.summary;
  document.getElementById('summary').textContent =
    s.met + ' of ' + s.requirements + ' requirements met; ' + s.with_gap + ' with a gap. ' +
    s.red_lines_violated + ' of ' + a.red_lines.length + ' red lines violated. ' +
    s.pledges_in_force + ' pledges in force, ' + s.pledges_lapsed + ' lapsed' +
    (a.excluded.length ? ', ' + a.excluded.length + ' switched off or removed' : '') + '.';

  const base = new Map((state.baseline || a).capabilities.map((c) => [c.capability, c]));
  const caps = a.capabilities.filter((c) => c.required > 0);
  drawChart(caps, base);

  const tbody = document.querySelector('#capabilities tbody');
  tbody.replaceChildren(...caps.map((c) => {
    const b = base.get(c.capability);
    const was = b ? b.gap : 0;
    const change = c.gap - was;
    return el('tr', { 'data-capability': c.capability, 'data-gap': c.gap },
      el('td', null, c.capability), el('td', null, c.unit),
      el('td', { class: 'n' }, fmt(c.required)), el('td', { class: 'n' }, fmt(c.pledged)),
      el('td', { class: 'n gapcell' }, gapCell(c.gap)),
      el('td', { class: 'n ' + (change > 0 ? 'worse' : change < 0 ? 'better' : '') },
        change === 0 ? 'same' : (change > 0 ? 'gap +' : 'gap −') + fmt(Math.abs(change))));
  }));

  document.querySelector('#coverage tbody').replaceChildren(...a.coverage.map((r) =>
    el('tr', { 'data-mission': r.mission, 'data-capability': r.capability, 'data-gap': r.gap },
      el('td', null, r.layer), el('td', null, r.mission), el('td', null, r.capability),
      el('td', { class: 'n' }, fmt(r.required) + ' ' + r.unit), el('td', { class: 'n' }, fmt(r.pledged)),
      el('td', { class: 'n' }, gapCell(r.gap)))));

  document.querySelector('#redlines tbody').replaceChildren(...a.red_lines.map((l) =>
    el('tr', { 'data-redline': l.id },
      el('td', null, l.party), el('td', null, l.text),
      el('td', null, l.violated ? el('span', { class: 'gap' }, 'violated') : el('span', { class: 'ok' }, 'respected')),
      el('td', null, l.explanation))));

  const lapsed = document.getElementById('lapsed');
  lapsed.replaceChildren(...(a.lapsed.length ? a.lapsed.map((l) =>
    el('li', null, el('strong', null, l.pledge), ' (' + l.contributor + ', ' + l.capability + '): ' + l.reason))
    : [el('li', null, 'none')]));

  const over = a.contributors.filter((c) => c.over_capacity || c.beyond_deployable);
  document.getElementById('over').replaceChildren(...(over.length ? over.map((c) =>
    el('li', null, c.code + ' ' + c.capability + ': ' + fmt(c.pledged) + ' pledged, ' +
      (c.capacity === null ? '?' : fmt(c.capacity)) + ' sustainable'))
    : [el('li', null, 'none')]));
}

function drawChart(caps, base) {
  const labelW = 170, barW = 300, textW = 230, rowH = 24, top = 8;
  const width = labelW + barW + textW, height = top + caps.length * rowH + 24;
  const max = 1.5;
  const root = svg('svg', { width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
  root.append(svg('title', {}, 'Coverage against requirement per capability'));
  const share = (p, r) => (r > 0 ? p / r : 1);
  caps.forEach((c, i) => {
    const y = top + i * rowH;
    const b = base.get(c.capability);
    const now = share(c.required - c.gap, c.required);
    const was = b ? share(b.required - b.gap, b.required) : now;
    root.append(
      svg('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end' }, c.capability),
      svg('rect', { x: labelW, y, width: barW / max, height: 18, class: 'need' }),
      svg('rect', { x: labelW, y: y + 1, width: Math.min(was, max) * barW / max, height: 16, fill: '#b9cfe0' }),
      svg('rect', { x: labelW, y: y + 4, width: Math.min(now, max) * barW / max, height: 10, fill: '#1f5f8b' }),
      svg('text', { x: labelW + barW + 6, y: y + 14 },
        fmt(c.required - c.gap) + ' of ' + fmt(c.required) + ' ' + c.unit +
        (c.gap > 0 ? ', gap ' + fmt(c.gap) : ' (covered)')));
  });
  const x100 = labelW + barW / max;
  root.append(svg('line', { x1: x100, y1: 0, x2: x100, y2: height - 18, class: 'req' }),
    svg('text', { x: x100, y: height - 4, 'text-anchor': 'middle' }, 'requirement'));
  document.getElementById('chart').replaceChildren(root);
}

function renderControls() {
  const o = state.outline;
  document.getElementById('title').textContent = o.title + ' (as of ' + o.as_of + ')';
  document.getElementById('basis').value = state.basis;
  document.getElementById('contributors').replaceChildren(...o.contributors.map((c) => {
    const box = el('input', { type: 'checkbox', checked: !state.without.has(c.code), 'data-code': c.code });
    box.addEventListener('change', () => {
      if (box.checked) state.without.delete(c.code); else state.without.add(c.code);
      renderControls();
      reassess();
    });
    return el('label', { title: c.name }, box, ' ' + c.code);
  }));
  const rows = o.pledges.filter((p) => !state.without.has(p.contributor)).map((p) => {
    const box = el('input', { type: 'checkbox', checked: !state.off.has(p.id), 'data-pledge': p.id });
    box.addEventListener('change', () => {
      if (box.checked) state.off.delete(p.id); else state.off.add(p.id);
      reassess();
    });
    const value = state.quantities.has(p.id) ? state.quantities.get(p.id)
      : (p.low === p.high ? p.low : (state.basis === 'high' ? p.high : state.basis === 'mid' ? (p.low + p.high) / 2 : p.low));
    const qty = el('input', { type: 'number', min: '0', step: 'any', value: String(value), 'data-quantity': p.id });
    qty.addEventListener('change', () => {
      const v = Number(qty.value);
      if (qty.value !== '' && Number.isFinite(v) && v >= 0) {
        state.quantities.set(p.id, v);
        reassess();
      }
    });
    return el('tr', null, el('td', null, box), el('td', { title: p.status }, p.id),
      el('td', null, p.capability), el('td', { class: 'n' }, qty, ' ' + p.unit));
  });
  document.querySelector('#pledges tbody').replaceChildren(...rows);
}

async function choose(name) {
  document.body.dataset.state = 'loading';
  state.scenario = name;
  state.without.clear();
  state.off.clear();
  state.quantities.clear();
  try {
    state.outline = await api('/api/scenarios/' + encodeURIComponent(name));
    state.basis = state.outline.quantity_basis;
    state.baseline = await api('/api/assess', { scenario: name });
  } catch (err) {
    showError(err.message);
    document.body.dataset.state = 'error';
    return;
  }
  renderControls();
  await reassess();
}

async function start() {
  const select = document.getElementById('scenario');
  let list;
  try {
    list = await api('/api/scenarios');
  } catch (err) {
    showError(err.message);
    return;
  }
  select.replaceChildren(...list.map((s) =>
    el('option', { value: s.name, disabled: !s.title }, s.name + (s.title ? ' — ' + s.title : ' (does not load)'))));
  select.addEventListener('change', () => choose(select.value));
  document.getElementById('basis').addEventListener('change', (e) => {
    state.basis = e.target.value;
    state.quantities.clear();
    renderControls();
    reassess();
  });
  document.getElementById('reset').addEventListener('click', () => choose(state.scenario));
  const wanted = new URLSearchParams(location.search).get('scenario');
  const first = list.find((s) => s.name === wanted && s.title) || list.find((s) => s.title);
  if (first) {
    select.value = first.name;
    await choose(first.name);
  } else {
    showError('No scenario in the scenarios directory loads.');
  }
}

document.addEventListener('DOMContentLoaded', start);
