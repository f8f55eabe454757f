// Guarantor dashboard: picks a scenario, sends the user's changes to POST /api/assess and draws
// the answer; with an evidence ledger (`guarantor serve --db`), lists statements with their
// sources and the scenario's entries against them. Every piece of data reaches the page through
// textContent or a fixed attribute, never innerHTML, so scenario and article text cannot become
// markup; a source becomes a link only when its address is http or https. No framework, no
// build step.
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
  evidence: { available: false, request: 0, seq: 0 },
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
  const done = performance.now();
  const ms = done - t0;
  document.body.dataset.renderedAt = done.toFixed(1);
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
  // Labels are drawn right-aligned before the bars; about 7 px per character at 11 px.
  const longest = Math.max(0, ...caps.map((c) => c.capability.length));
  const labelW = Math.max(120, 7 * longest + 12), barW = 300, textW = 230, rowH = 24, top = 8;
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
      el('td', null, p.capability), el('td', { class: 'n' }, qty, el('span', { class: 'unit' }, p.unit)));
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
  loadEntries(name);
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
  startEvidence(); // in parallel with the first scenario; it checks the scenario when done
  const wanted = new URLSearchParams(location.search).get('scenario');
  // Without ?scenario=, open the most recent scenario that loads (ISO dates sort as text), so a
  // first look shows the current package rather than the alphabetically first.
  const newest = list.filter((s) => s.title)
    .reduce((best, s) => (!best || (s.as_of || '') > (best.as_of || '') ? s : best), null);
  const first = list.find((s) => s.name === wanted && s.title) || newest;
  if (first) {
    select.value = first.name;
    await choose(first.name);
  } else {
    showError('No scenario in the scenarios directory loads.');
  }
}

// ---- Evidence ----

const AGAINST = new Set(['rules_out', 'rejects', 'opposes', 'doubts']);

// The address as a link target, only for http and https; anything else (javascript:, data:,
// relative or malformed text) is shown as text and never becomes an href.
function webAddress(url) {
  if (typeof url !== 'string') return null;
  let u;
  try {
    u = new URL(url);
  } catch (_) {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

function sourceLine(src) {
  const label = src.title || src.url || src.article;
  const href = webAddress(src.url);
  const parts = [href
    ? el('a', { href, rel: 'noopener noreferrer', target: '_blank', title: href }, label)
    : el('span', { class: 'title' }, label)];
  const where = [src.outlet, src.date].filter(Boolean).join(', ');
  if (where) parts.push(' — ' + where);
  if (!href && src.url) parts.push(el('span', { class: 'muted' }, ' (address not linked: ' + src.url + ')'));
  return el('div', { class: 'src' }, ...parts);
}

function stanceEl(stance) {
  return el('span', { class: 'stance ' + (AGAINST.has(stance) ? 'against' : 'for') }, stance.replace('_', ' '));
}

function statementItem(s) {
  const meta = [el('strong', null, s.actor), ' ', stanceEl(s.stance), ' ' + s.capability];
  if (s.modality === 'hedged') meta.push(' (hedged)');
  if (s.quantity) meta.push(' · ' + s.quantity.text);
  if (s.attributed_to) meta.push(' · ' + s.attributed_to);
  else meta.push(' · reported by the outlet');
  return el('li', { class: AGAINST.has(s.stance) ? 'against' : 'for', 'data-statement': s.id, 'data-actor': s.actor },
    el('blockquote', { class: 'quote' }, '“' + s.quote + '”'),
    el('div', { class: 'meta' }, ...meta),
    sourceLine(s.source));
}

function evidenceState(name) {
  document.getElementById('evidence').dataset.state = name;
}

async function startEvidence() {
  let first;
  try {
    first = await api('/api/evidence');
  } catch (err) {
    // Without --db the server says so plainly; show its words and nothing else.
    document.getElementById('evidence-status').textContent = err.message;
    evidenceState('none');
    return;
  }
  state.evidence.available = true;
  document.getElementById('evidence-body').hidden = false;
  const actor = document.getElementById('evidence-actor');
  const capability = document.getElementById('evidence-capability');
  actor.append(...first.actors.map((a) => el('option', { value: a }, a)));
  capability.append(...first.capabilities.map((c) => el('option', { value: c }, c)));
  actor.addEventListener('change', loadStatements);
  capability.addEventListener('change', loadStatements);
  const wanted = new URLSearchParams(location.search).get('actor');
  if (wanted && first.actors.includes(wanted)) {
    actor.value = wanted;
    await loadStatements();
  } else {
    showStatements(first);
  }
  loadSources();
  if (state.scenario) loadEntries(state.scenario);
}

async function loadStatements() {
  const mine = ++state.evidence.request;
  const q = new URLSearchParams();
  const actor = document.getElementById('evidence-actor').value;
  const capability = document.getElementById('evidence-capability').value;
  if (actor) q.set('actor', actor);
  if (capability) q.set('capability', capability);
  try {
    const list = await api('/api/evidence' + (q.toString() ? '?' + q : ''));
    if (mine === state.evidence.request) showStatements(list);
  } catch (err) {
    if (mine === state.evidence.request) {
      document.getElementById('evidence-status').textContent = err.message;
      evidenceState('error');
    }
  }
}

function showStatements(list) {
  document.getElementById('evidence-status').textContent = '';
  document.getElementById('evidence-count').textContent = list.total === list.statements.length
    ? list.total + (list.total === 1 ? ' statement' : ' statements') + ', newest first'
    : 'the newest ' + list.statements.length + ' of ' + list.total + ' statements';
  const items = list.statements.map(statementItem);
  document.getElementById('statements').replaceChildren(...(items.length ? items
    : [el('li', { class: 'muted' }, 'No statement matches this filter.')]));
  const box = document.getElementById('evidence');
  state.evidence.seq += 1;
  box.dataset.seq = String(state.evidence.seq);
  evidenceState('ready');
}

async function loadSources() {
  let sources;
  try {
    sources = await api('/api/sources');
  } catch (err) {
    return;
  }
  document.getElementById('sources-count').textContent = sources.length + (sources.length === 1 ? ' article' : ' articles');
  document.querySelector('#sources tbody').replaceChildren(...sources.map((a) => {
    const src = { article: a.id, title: a.title, url: a.url };
    return el('tr', { 'data-article': a.id },
      el('td', null, a.date || 'undated'), el('td', null, a.outlet || ''),
      el('td', null, sourceLine(src)), el('td', { class: 'n' }, String(a.statements)),
      el('td', null, a.duplicate_of ? a.duplicate_of.kind.replace('_', ' ') + ' of ' + a.duplicate_of.duplicate_of : ''));
  }));
}

async function loadEntries(name) {
  if (!state.evidence.available) return;
  let result;
  try {
    result = await api('/api/scenarios/' + encodeURIComponent(name) + '/evidence');
  } catch (err) {
    document.getElementById('entries-summary').textContent = err.message;
    return;
  }
  if (name !== state.scenario) return;
  // A red line over several capabilities is checked once per capability; count it once.
  const ids = (es) => new Set(es.map((e) => e.id)).size;
  const count = (st) => ids(result.entries.filter((e) => e.status === st));
  document.getElementById('entries-summary').textContent =
    ids(result.entries) + ' entries: ' + count('backed') + ' backed, ' + count('no_evidence') +
    ' without evidence, ' + count('contradicted') + ' contradicted.';
  // Contradicted entries first, then backed ones, in scenario order; entries without evidence
  // and not contradicted are listed by name only (a red line over several capabilities once).
  const shown = ['contradicted', 'backed'].flatMap((st) => result.entries.filter((e) => e.status === st));
  const cls = { backed: 'ok', contradicted: 'gap' };
  document.querySelector('#entries tbody').replaceChildren(...(shown.length ? shown.map((e) => {
    const cited = e.cited.map((s) => el('div', null, s.id + ' ', stanceEl(s.stance)));
    if (e.unknown.length) cited.push(el('div', { class: 'muted' }, 'not in the ledger: ' + e.unknown.join(', ')));
    const against = e.contradicted_by
      ? [el('div', { class: 'quote' }, '“' + e.contradicted_by.quote + '”'),
        el('div', { class: 'meta' }, stanceEl(e.contradicted_by.stance), ' ' + e.contradicted_by.id),
        sourceLine(e.contradicted_by.source)]
      : [];
    return el('tr', { 'data-entry': e.id, 'data-status': e.status },
      el('td', { title: e.kind.replace('_', ' ') + ', implies ' + e.implies.replace('_', ' ') }, e.id),
      el('td', null, e.actor), el('td', null, e.capability),
      el('td', null, el('span', { class: cls[e.status] }, e.status), e.no_evidence ? el('div', { class: 'muted' }, 'and no evidence') : ''),
      el('td', null, ...(cited.length ? cited : ['none'])),
      el('td', null, ...against));
  }) : [el('tr', null, el('td', { colSpan: 6, class: 'muted' }, 'No entry is backed or contradicted by the ledger.'))]));
  const bare = [...new Set(result.entries.filter((e) => e.status === 'no_evidence').map((e) => e.id))];
  document.getElementById('entries-bare').textContent = bare.length
    ? 'Without evidence (' + bare.length + '): ' + bare.join(', ') + '.' : '';
}

document.addEventListener('DOMContentLoaded', start);
