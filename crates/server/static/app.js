// Guarantor dashboard: picks a scenario, sends the user's changes to POST /api/view and shows
// the answer, then asks /api/simulate, /api/sensitivity and /api/credibility how likely the
// changed package is to hold, what decides it and how credible it is; with an evidence ledger
// (`guarantor serve --db`), lists statements with their sources and the scenario's entries
// against them. The page draws no chart and writes no summary of its own: the charts are the
// report's SVG and the summary the report's sentence, both made by the server (guarantor_report),
// parsed here as image/svg+xml and imported (see `showSvg`). Every piece of data reaches the
// page through textContent, a fixed attribute or that parser, never innerHTML, so scenario and
// article text cannot become markup; a source becomes a link only when its address is http or
// https. No framework, no build step.
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
  evidence: { available: false, request: 0 },
  // The Monte Carlo and credibility answers trail each re-assessment (see `analyse`).
  analysis: { request: 0, timer: null, references: null, written: null },
  // The allocation runs on request (a MILP), then follows every change until the scenario changes.
  allocation: { on: false, request: 0 },
};

// Draws per analysis: about 10 ms of one core on the August 2025 scenario, and a standard
// error of at most half a percentage point on every probability shown.
const DRAWS = 10000;
// Base sample size of the page's sensitivity analysis: about 50 ms on the August scenario (bench);
// enough to rank the inputs (the CLI's default, 8,192, narrows the intervals).
const SAMPLES = 2048;
// Changes made within this many milliseconds of each other share one analysis.
const ANALYSE_AFTER_MS = 120;

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

const SVG_NS = 'http://www.w3.org/2000/svg';

// Shows a chart the server drew (guarantor_report::svg, every label escaped there) in the box
// `id`: the markup is parsed as an SVG document, never as HTML, and its root imported. Scripts,
// foreign objects and event-handler attributes are dropped all the same (the page's CSP would
// stop them running), so a chart can only ever be a picture.
function showSvg(id, markup) {
  const box = document.getElementById(id);
  const doc = new DOMParser().parseFromString(String(markup || ''), 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
    box.replaceChildren(el('p', { class: 'muted' }, 'The chart could not be shown.'));
    return;
  }
  for (const bad of root.querySelectorAll('script, foreignObject')) bad.remove();
  for (const e of [root, ...root.querySelectorAll('*')]) {
    for (const a of [...e.attributes]) {
      if (/^on/i.test(a.name) || (/href$/i.test(a.name) && !a.value.startsWith('#'))) e.removeAttribute(a.name);
    }
  }
  box.replaceChildren(document.importNode(root, true));
}

// An identifier in the report's words (`words` of the scenario's outline: `ground_troops` →
// `ground troops`, `gbr-troops` → `ground troops from United Kingdom`); ids stay in data-
// attributes and tooltips only. An id the outline does not name reads with spaces.
function word(kind, id) {
  const words = state.outline && state.outline.words && state.outline.words[kind];
  return (words && words[id]) || String(id).replace(/_/g, ' ');
}

// A scenario entry of the evidence check (a pledge or a red line) in words.
function entryName(id) {
  const w = state.outline && state.outline.words;
  return (w && (w.pledges[id] || w.red_lines[id])) || String(id);
}

// A quantity in its unit, rounded as the report rounds it: to the decimals the unit is worth
// (the outline's `unit_decimals`, from the engine's rule: whole people, whole batteries, EUR bn
// to two places), a need up, a capacity down, an amount to the nearest; noise in the last bits
// is ignored, as the engine's `round_to` does.
function fmtU(x, unit, how) {
  if (!Number.isFinite(x)) return String(x);
  const ds = state.outline && state.outline.unit_decimals;
  const d = ds && unit in ds ? ds[unit] : 1;
  const f = 10 ** d;
  const s = x * f;
  const near = Math.round(s);
  const r = Math.abs(s - near) < 1e-6 ? near : how === 'need' ? Math.ceil(s) : how === 'capacity' ? Math.floor(s) : near;
  return ((r / f) || 0).toLocaleString('en-GB', { maximumFractionDigits: d });
}

// A burden in whole EUR m, as the report shows it: the cost weights are not precise to a fraction.
function whole(x) {
  return (Math.round(x) || 0).toLocaleString('en-GB');
}

function gapCell(gap, unit) {
  return gap > 0 ? el('span', { class: 'gap' }, '−' + fmtU(gap, unit, 'need')) : el('span', { class: 'ok' }, 'ok');
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
  let v;
  try {
    v = await api('/api/view', request());
  } catch (err) {
    if (mine === state.request) {
      showError(err.message);
      document.body.dataset.state = 'error';
    }
    return;
  }
  if (mine !== state.request) return; // a newer change is on its way
  showError('');
  render(v);
  const done = performance.now();
  // For the browser tests' timings; not shown.
  document.body.dataset.renderedAt = done.toFixed(1);
  state.seq += 1;
  document.body.dataset.ms = (done - t0).toFixed(1);
  document.body.dataset.seq = String(state.seq);
  document.body.dataset.state = 'ready';
  scheduleAnalysis();
}

function render(v) {
  const a = v.assessment;
  document.getElementById('summary').textContent = v.summary.text;
  showSvg('chart', v.chart);
  showSvg('map', v.map);
  showPledgeStates(v.pledges);

  const base = new Map((state.baseline || a).capabilities.map((c) => [c.capability, c]));
  const caps = a.capabilities.filter((c) => c.required > 0);

  const tbody = document.querySelector('#capabilities tbody');
  tbody.replaceChildren(...caps.map((c) => {
    const b = base.get(c.capability);
    const was = b ? b.gap : 0;
    const change = c.gap - was;
    return el('tr', { 'data-capability': c.capability, 'data-gap': c.gap },
      el('td', { title: c.capability }, word('capabilities', c.capability)), el('td', null, c.unit),
      el('td', { class: 'n' }, fmtU(c.required, c.unit, 'need')), el('td', { class: 'n' }, fmtU(c.pledged, c.unit)),
      el('td', { class: 'n gapcell' }, gapCell(c.gap, c.unit)),
      el('td', { class: 'n ' + (change > 0 ? 'worse' : change < 0 ? 'better' : '') },
        change === 0 ? 'same' : (change > 0 ? 'gap +' : 'gap −') + fmtU(Math.abs(change), c.unit, 'need')));
  }));

  document.querySelector('#coverage tbody').replaceChildren(...a.coverage.map((r) =>
    el('tr', { 'data-mission': r.mission, 'data-capability': r.capability, 'data-gap': r.gap },
      el('td', null, word('layers', r.layer)), el('td', null, word('missions', r.mission)),
      el('td', { title: r.capability }, word('capabilities', r.capability)),
      el('td', { class: 'n' }, fmtU(r.required, r.unit, 'need') + ' ' + r.unit), el('td', { class: 'n' }, fmtU(r.pledged, r.unit)),
      el('td', { class: 'n' }, gapCell(r.gap, r.unit)),
      el('td', { class: 'n pmet muted' }, '…'))));

  // The red lines as the report words them (the server's `red_lines`), not the rule's ids.
  document.querySelector('#redlines tbody').replaceChildren(...v.red_lines.map((l) =>
    el('tr', { 'data-redline': l.id },
      el('td', null, l.party), el('td', null, l.rule),
      el('td', null, l.violated ? el('span', { class: 'gap' }, 'violated') : el('span', { class: 'ok' }, 'respected')),
      el('td', null, l.why))));

  const lapsed = document.getElementById('lapsed');
  const gone = v.pledges.filter((p) => p.state === 'lapsed');
  lapsed.replaceChildren(...(gone.length ? gone.map((p) =>
    el('li', { 'data-pledge': p.id }, el('strong', null, word('pledges', p.id)), ': ' + p.reason))
    : [el('li', null, 'none')]));

  const over = a.contributors.filter((c) => c.over_capacity || c.beyond_deployable);
  document.getElementById('over').replaceChildren(...(over.length ? over.map((c) =>
    el('li', null, word('contributors', c.code) + ', ' + word('capabilities', c.capability) + ': ' + fmtU(c.pledged, c.unit) + ' pledged, ' +
      (c.capacity === null ? '?' : fmtU(c.capacity, c.unit, 'capacity')) + ' sustainable'))
    : [el('li', null, 'none')]));
}

function renderControls() {
  const o = state.outline;
  document.getElementById('title').textContent = o.title + ' (as of ' + o.as_of + ')';
  document.getElementById('basis').value = state.basis;
  document.getElementById('contributors').replaceChildren(...o.contributors.map((c) => {
    const box = el('input', { type: 'checkbox', checked: !state.without.has(c.code), 'data-code': c.code });
    box.addEventListener('change', () => {
      if (box.checked) state.without.delete(c.code); else state.without.add(c.code);
      reassess();
    });
    return el('label', { title: c.code }, box, ' ' + c.name);
  }));
  // Every pledge stays listed: one that stops counting is greyed with the reason when the
  // answer arrives (`showPledgeStates`), rather than vanishing.
  const rows = o.pledges.map((p) => {
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
    return el('tr', { 'data-pledge': p.id, 'data-state': 'counts' }, el('td', null, box),
      el('td', { title: p.id + ', ' + p.status }, word('pledges', p.id), el('div', { class: 'why' }), sourcesEl(p.sources)),
      el('td', null, word('capabilities', p.capability)), el('td', { class: 'n' }, qty, el('span', { class: 'unit' }, p.unit)));
  });
  document.querySelector('#pledges tbody').replaceChildren(...rows);
}

// A pledge's sources as text, with each http or https address in them made a link.
function sourcesEl(sources) {
  const box = el('div', { class: 'src' });
  for (const text of sources || []) {
    const line = el('div', { title: String(text) });
    for (const part of String(text).split(/(https?:\/\/\S+)/)) {
      if (!part) continue;
      const href = /^https?:\/\//.test(part) ? webAddress(part) : null;
      line.append(href ? el('a', { href, rel: 'noopener noreferrer', target: '_blank' }, part) : part);
    }
    box.append(line);
  }
  if (!box.childNodes.length) box.append(el('span', { class: 'muted' }, 'no source given'));
  return box;
}

// Marks each pledge row with its state after the change (counts, lapsed, removed, off) and why;
// a pledge that does not count cannot be ticked or edited until it counts again.
function showPledgeStates(pledges) {
  for (const p of pledges) {
    const tr = document.querySelector('#pledges tr[data-pledge="' + CSS.escape(p.id) + '"]');
    if (!tr) continue;
    tr.dataset.state = p.state;
    const out = p.state === 'lapsed' || p.state === 'removed';
    tr.className = p.state === 'counts' ? '' : 'out';
    const box = tr.querySelector('input[type=checkbox]');
    box.disabled = out;
    box.checked = !out && !state.off.has(p.id);
    tr.querySelector('input[type=number]').disabled = out || state.off.has(p.id);
    tr.querySelector('.why').textContent = p.reason
      ? (p.state === 'lapsed' ? 'lapsed: ' : '') + p.reason : '';
  }
}

async function choose(name) {
  document.body.dataset.state = 'loading';
  state.scenario = name;
  state.without.clear();
  state.off.clear();
  state.quantities.clear();
  resetAllocation();
  try {
    state.outline = await api('/api/scenarios/' + encodeURIComponent(name));
    state.basis = state.outline.quantity_basis;
    state.baseline = await api('/api/assess', { scenario: name });
    // The credibility of the scenario as written, to set changes against; the references score
    // the same whatever the scenario, so they are fetched once.
    // A failure here leaves the comparison out; the panel shows the error on its own request.
    state.analysis.written = null;
    const refs = state.analysis.references === null;
    try {
      const written = await api('/api/credibility', { scenario: name, references: refs });
      state.analysis.written = written.package;
      if (refs) state.analysis.references = written.references;
    } catch (_) { /* shown by analyse() */ }
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
  showBroken(list.filter((s) => !s.title));
  select.addEventListener('change', () => choose(select.value));
  document.getElementById('basis').addEventListener('change', (e) => {
    state.basis = e.target.value;
    state.quantities.clear();
    renderControls();
    reassess();
  });
  document.getElementById('reset').addEventListener('click', () => choose(state.scenario));
  document.getElementById('propose').addEventListener('click', () => {
    state.allocation.on = true;
    allocate();
  });
  document.getElementById('objective').addEventListener('change', () => {
    if (state.allocation.on) allocate();
  });
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

// Scenario files in the folder that do not load, each with the diagnostics the CLI prints for
// it (file:line:column, the line, the message, a hint), so a typo is found without a terminal.
function showBroken(broken) {
  const box = document.getElementById('broken');
  box.hidden = !broken.length;
  document.getElementById('broken-count').textContent = broken.length === 1
    ? '1 scenario in the folder does not load' : broken.length + ' scenarios in the folder do not load';
  document.getElementById('broken-list').replaceChildren(...broken.map((s) =>
    el('li', { 'data-scenario': s.name }, el('strong', null, s.name + '.toml'), ': ' + (s.error || ''),
      el('pre', { class: 'diagnostics' }, s.diagnostics || ''))));
}

// ---- Odds and credibility ----

function pct(p) {
  const v = 100 * p;
  if (v > 0 && v < 0.1) return '<0.1%';
  if (v < 100 && v > 99.9) return '>99.9%';
  return (Math.round(v * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 }) + '%';
}

function panelState(id, name) {
  document.getElementById(id).dataset.state = name;
}

// Marks a panel drawn: its `data-seq` counts the answers shown (tests wait on it) and its
// `data-state` says `ready`.
function panelReady(id) {
  const box = document.getElementById(id);
  box.dataset.seq = String(Number(box.dataset.seq) + 1);
  box.dataset.state = 'ready';
  return box;
}

// Runs the analyses once the user has paused: each one costs more than an assessment, and a
// burst of clicks needs only the last.
function scheduleAnalysis() {
  clearTimeout(state.analysis.timer);
  panelState('odds', 'loading');
  panelState('decides', 'loading');
  panelState('credibility', 'loading');
  if (state.allocation.on) {
    panelState('allocation', 'loading');
    document.getElementById('alloc-status').textContent = 'solving…';
  }
  state.analysis.timer = setTimeout(analyse, ANALYSE_AFTER_MS);
}

async function analyse() {
  const mine = ++state.analysis.request;
  const req = request();
  const current = () => mine === state.analysis.request;
  const odds = api('/api/simulate', { ...req, draws: DRAWS, seed: 0, chart: true }).then((sim) => {
    if (current()) renderOdds(sim);
  }, (err) => {
    if (!current()) return;
    document.getElementById('odds-summary').textContent = err.message;
    panelState('odds', 'error');
  });
  const decides = api('/api/sensitivity', { ...req, output: 'share_met', samples: SAMPLES, seed: 0, chart: true }).then((t) => {
    if (current()) renderTornado(t);
  }, (err) => {
    if (!current()) return;
    document.getElementById('decides-summary').textContent = err.message;
    document.getElementById('tornado').replaceChildren();
    panelState('decides', 'error');
  });
  const cred = api('/api/credibility', { ...req, chart: true }).then((c) => {
    if (current()) renderCredibility(c.package, c.chart);
  }, (err) => {
    if (!current()) return;
    document.getElementById('cred-summary').textContent = err.message;
    panelState('credibility', 'error');
  });
  await Promise.all([odds, decides, cred, state.allocation.on ? allocate() : null]);
}

function renderOdds(sim) {
  document.getElementById('odds-draws').textContent =
    sim.draws.toLocaleString('en-GB') + ' draws, seed ' + sim.seed + ': the same package gives the same figures.';
  const met = sim.requirements.filter((r) => r.p_met >= 0.995).length;
  const never = sim.requirements.filter((r) => r.p_met === 0)
    .map((r) => word('capabilities', r.capability) + ' (' + word('missions', r.mission) + ')');
  document.getElementById('odds-summary').replaceChildren(
    el('strong', { 'data-p-all': sim.p_all_met }, 'Every requirement met in ' + pct(sim.p_all_met) + ' of draws'),
    '; on average ' + pct(sim.share_met) + ' of the requirements are met (±' + pct(sim.share_met_se) + '). ' +
    met + ' of ' + sim.requirements.length + ' are met in at least 99.5% of draws' +
    (never.length ? '; never met: ' + listSome(never, 5) + '.' : '.'));
  document.getElementById('odds').dataset.shareMet = String(sim.share_met);
  document.querySelector('#layers tbody').replaceChildren(...sim.layers.map((l) =>
    el('tr', { 'data-layer': l.layer, 'data-p': l.p_all_met },
      el('td', null, word('layers', l.layer)), el('td', { class: 'n' }, pct(l.p_all_met) + ' ± ' + pct(l.p_all_met_se)))));
  const odds = new Map(sim.requirements.map((r) => [r.mission + '\u0000' + r.capability, r]));
  for (const tr of document.querySelectorAll('#coverage tbody tr')) {
    const r = odds.get(tr.dataset.mission + '\u0000' + tr.dataset.capability);
    const cell = tr.querySelector('.pmet');
    if (!r) {
      cell.textContent = '–';
      continue;
    }
    cell.className = 'n pmet ' + (r.p_met >= 0.95 ? 'ok' : r.p_met < 0.5 ? 'gap' : '');
    cell.textContent = pct(r.p_met);
    cell.title = '± ' + pct(r.p_met_se) + ' (one standard error)';
    tr.dataset.pMet = String(r.p_met);
  }
  showSvg('odds-chart', sim.chart);
  panelReady('odds');
}

// The first `n` items, then how many more: a long list would bury the summary.
function listSome(items, n) {
  return items.length <= n + 1 ? items.join(', ')
    : items.slice(0, n).join(', ') + ' and ' + (items.length - n) + ' more (see P(met) above)';
}

function renderTornado(t) {
  const bars = t.tornado.filter((b) => b.low !== null && b.high !== null);
  const top = t.inputs[0];
  // Inputs in the report's words (the server's `inputs_in_words`), as the tornado labels them.
  const said = (input) => (t.inputs_in_words && t.inputs_in_words[input]) || input;
  document.getElementById('decides-summary').textContent = bars.length
    ? 'Mean share met ' + pct(t.mean) + '. Widest swing: ' + said(bars[0].input) + ', from ' + pct(bars[0].low) +
      ' (' + bars[0].low_label + ') to ' + pct(bars[0].high) + ' (' + bars[0].high_label + ').' +
      (top ? ' Largest total Sobol index: ' + said(top.input) + ' (' + fmt2(top.total) + ').' : '')
    : 'No input moves the share of requirements met.';
  showSvg('tornado', t.chart);
  const box = panelReady('decides');
  box.dataset.top = bars.length ? bars[0].input : '';
  box.dataset.topLabel = bars.length ? said(bars[0].input) : '';
}

function renderCredibility(c, chart) {
  const was = state.analysis.written;
  const change = was && was.score !== c.score
    ? ' (as written ' + fmt2(was.score) + ')' : '';
  const summary = [el('strong', { 'data-score': c.score }, 'Score ' + fmt2(c.score) + change)];
  const refs = state.analysis.references || [];
  if (refs.length) {
    const below = refs.filter((r) => r.score < c.score).length;
    summary.push(': above ' + below + ' of the ' + refs.length + ' reference arrangements.');
  }
  if (c.best_raise) {
    summary.push(' The largest single gain: ' + c.best_raise.change + ' (+' + fmt2(c.best_raise.gain) + ').');
  }
  document.getElementById('cred-summary').replaceChildren(...summary);
  showSvg('cred-chart', chart);
  document.querySelector('#indicators tbody').replaceChildren(...c.indicators.map((i) =>
    el('tr', { 'data-indicator': i.id },
      el('td', { title: i.evidence }, i.name), el('td', null, i.value),
      el('td', { class: 'n' }, fmt2(i.score)), el('td', { class: 'n' }, fmt2(i.contribution)),
      el('td', null, i.raise ? i.raise.change + ' (+' + fmt2(i.raise.gain) + ')' : ''))));
  panelReady('credibility').dataset.score = String(c.score);
}

function fmt2(x) {
  return (Math.round(x * 100) / 100 || 0).toFixed(2);
}

// ---- Allocation ----

async function allocate() {
  const mine = ++state.allocation.request;
  const status = document.getElementById('alloc-status');
  panelState('allocation', 'loading');
  status.textContent = 'solving…';
  let r;
  try {
    r = await api('/api/allocate', { ...request(), objective: document.getElementById('objective').value, chart: true });
  } catch (err) {
    if (mine !== state.allocation.request) return;
    status.textContent = '';
    document.getElementById('alloc-body').hidden = false;
    document.getElementById('alloc-summary').textContent = err.message;
    for (const id of ['allotments', 'shares', 'shortfalls']) document.querySelector('#' + id + ' tbody').replaceChildren();
    panelState('allocation', 'error');
    return;
  }
  if (mine !== state.allocation.request) return;
  status.textContent = '';
  renderAllocation(r);
}

function renderAllocation(r) {
  document.getElementById('alloc-body').hidden = false;
  const added = r.allocation.reduce((sum, a) => sum + a.burden_eur_m, 0);
  const after = r.after.summary;
  const short = r.shortfalls.length;
  document.getElementById('alloc-summary').replaceChildren(
    el('strong', null, r.feasible
      ? 'Every gap can be closed'
      : short + (short === 1 ? ' requirement or floor stays short' : ' requirements or floors stay short')),
    ': ' + r.allocation.length + ' extra contributions, ' + whole(added) + ' EUR m per year of burden added; ' +
    'afterwards ' + after.met + ' of ' + after.requirements + ' requirements are met.' +
    (r.already_crossed.length ? ' Red lines crossed by pledges already in force, which no allocation undoes: ' +
      r.already_crossed.map((id) => word('red_lines', id)).join('; ') + '.' : ''));
  document.querySelector('#allotments tbody').replaceChildren(...(r.allocation.length ? r.allocation.map((a) =>
    el('tr', { 'data-contributor': a.contributor, 'data-capability': a.capability },
      el('td', null, word('contributors', a.contributor)), el('td', { class: 'n' }, fmtU(a.units, a.unit) + ' ' + a.unit),
      el('td', null, word('capabilities', a.capability)), el('td', null, word('missions', a.mission)),
      el('td', { class: 'n' }, whole(a.burden_eur_m))))
    : [el('tr', null, el('td', { colSpan: 5, class: 'muted' }, 'Nothing to add.'))]));
  document.querySelector('#shares tbody').replaceChildren(...r.contributors.map((c) =>
    el('tr', { 'data-contributor': c.contributor },
      el('td', null, word('contributors', c.contributor)), el('td', { class: 'n' }, pct(c.fair_share)),
      el('td', { class: 'n' }, whole(c.pledged_eur_m)), el('td', { class: 'n' }, whole(c.added_eur_m)),
      el('td', { class: 'n' }, whole(c.total_eur_m)), el('td', { class: 'n' }, whole(c.fair_eur_m)),
      el('td', { class: 'n ' + (c.deviation === null ? '' : c.deviation < -0.5 ? 'gap' : '') },
        c.deviation === null ? '–' : (c.deviation > 0 ? '+' : '') + pct(c.deviation)))));
  document.querySelector('#shortfalls tbody').replaceChildren(...(short ? r.shortfalls.map((f, i) =>
    el('tr', { 'data-capability': f.capability },
      el('td', null, f.mission ? word('missions', f.mission) : 'red line: ' + word('red_lines', f.red_line)),
      el('td', null, word('capabilities', f.capability)),
      el('td', { class: 'n' }, fmtU(f.required, f.unit, 'need') + ' ' + f.unit), el('td', { class: 'n gap' }, fmtU(f.shortfall, f.unit, 'need')),
      el('td', { class: 'n' }, fmtU(f.least_possible, f.unit, 'need')),
      el('td', null, ...(r.shortfall_reasons[i] || []).map((w) => el('div', null, w)))))
    : [el('tr', null, el('td', { colSpan: 6, class: 'muted' }, 'None: every requirement and floor is met.'))]));
  showSvg('alloc-chart', r.chart);
  const box = panelReady('allocation');
  box.dataset.feasible = String(r.feasible);
  box.dataset.shortfalls = String(short);
}

function resetAllocation() {
  state.allocation.on = false;
  state.allocation.request += 1; // drop any answer on its way
  document.getElementById('alloc-body').hidden = true;
  document.getElementById('alloc-status').textContent = '';
  panelState('allocation', 'idle');
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
  const meta = [el('strong', null, s.actor), ' ', stanceEl(s.stance), ' ' + word('capabilities', s.capability)];
  if (s.modality === 'hedged') meta.push(' (hedged)');
  if (s.quantity) meta.push(' · ' + s.quantity.text);
  if (s.attributed_to) meta.push(' · ' + s.attributed_to);
  else meta.push(' · reported by the outlet');
  // The classifier's statements carry its probability; the rules' carry none (docs/evidence.md).
  if (typeof s.probability === 'number') {
    meta.push(' · ', el('span', { class: 'muted', title: 'found by the sentence classifier, not the rules' },
      'classifier p ' + s.probability.toFixed(2)));
  }
  return el('li', { class: AGAINST.has(s.stance) ? 'against' : 'for', 'data-statement': s.id, 'data-actor': s.actor },
    el('blockquote', { class: 'quote' }, '“' + s.quote + '”'),
    el('div', { class: 'meta' }, ...meta),
    sourceLine(s.source));
}


async function startEvidence() {
  let first;
  try {
    first = await api('/api/evidence');
  } catch (err) {
    // Without --db the server says so plainly; show its words and nothing else.
    document.getElementById('evidence-status').textContent = err.message;
    panelState('evidence', 'none');
    return;
  }
  state.evidence.available = true;
  document.getElementById('evidence-body').hidden = false;
  const actor = document.getElementById('evidence-actor');
  const capability = document.getElementById('evidence-capability');
  actor.append(...first.actors.map((a) => el('option', { value: a }, a)));
  capability.append(...first.capabilities.map((c) => el('option', { value: c }, word('capabilities', c))));
  actor.addEventListener('change', loadStatements);
  capability.addEventListener('change', loadStatements);
  document.getElementById('evidence-firm').addEventListener('change', loadStatements);
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
  if (document.getElementById('evidence-firm').checked) q.set('firm', 'true');
  try {
    const list = await api('/api/evidence' + (q.toString() ? '?' + q : ''));
    if (mine === state.evidence.request) showStatements(list);
  } catch (err) {
    if (mine === state.evidence.request) {
      document.getElementById('evidence-status').textContent = err.message;
      panelState('evidence', 'error');
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
  panelReady('evidence');
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
      el('td', a.duplicate_because ? { title: a.duplicate_because } : null,
        a.duplicate_of ? a.duplicate_of.kind.replace('_', ' ') + ' of ' + a.duplicate_of.duplicate_of : ''));
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
    // A statement by its outlet and date; its id (what a scenario cites) in the tooltip.
    const said = (s) => [s.source.outlet, s.source.date].filter(Boolean).join(', ') || 'a statement';
    const cited = e.cited.map((s) => el('div', { title: 'cite as ' + s.id }, said(s) + ' ', stanceEl(s.stance)));
    if (e.unknown.length) {
      cited.push(el('div', { class: 'muted', title: e.unknown.join(', ') },
        e.unknown.length === 1 ? '1 cited statement not in the ledger' : e.unknown.length + ' cited statements not in the ledger'));
    }
    const against = e.contradicted_by
      ? [el('div', { class: 'quote' }, '“' + e.contradicted_by.quote + '”'),
        el('div', { class: 'meta', title: 'cite as ' + e.contradicted_by.id }, stanceEl(e.contradicted_by.stance)),
        sourceLine(e.contradicted_by.source)]
      : [];
    return el('tr', { 'data-entry': e.id, 'data-status': e.status },
      el('td', { title: e.id + ': ' + e.kind.replace('_', ' ') + ', implies ' + e.implies.replace('_', ' ') }, entryName(e.id)),
      el('td', null, e.actor), el('td', null, word('capabilities', e.capability)),
      el('td', null, el('span', { class: cls[e.status] }, e.status), e.no_evidence ? el('div', { class: 'muted' }, 'and no evidence') : '',
        // A pledge agreed, signed or delivered whose cited statements only offer or consider.
        e.ahead_of_evidence ? el('div', { class: 'muted', title: 'its status is firmer than any statement it cites: cite the agreed or signed text, or lower the status' },
          'cited evidence at most ' + e.ahead_of_evidence.replace('_', ' ')) : ''),
      el('td', null, ...(cited.length ? cited : ['none'])),
      el('td', null, ...against));
  }) : [el('tr', null, el('td', { colSpan: 6, class: 'muted' }, 'No entry is backed or contradicted by the ledger.'))]));
  const bare = [...new Set(result.entries.filter((e) => e.status === 'no_evidence').map((e) => e.id))];
  // Ledger statements an entry without evidence may cite (same actor and capability, not of
  // the opposite polarity, up to the scenario's date): for a reader to check, with the id to
  // cite in the tooltip. A red line over several capabilities is gathered into one line.
  const toCheck = bare.map((id) => {
    const seen = new Set();
    const found = result.entries.filter((e) => e.id === id).flatMap((e) => e.to_check || [])
      .filter((s) => !seen.has(s.id) && seen.add(s.id));
    return [id, found];
  }).filter(([, found]) => found.length);
  const said = (s) => [s.source.outlet, s.source.date].filter(Boolean).join(', ') || 'a statement';
  document.getElementById('entries-bare').replaceChildren(...(bare.length
    ? [el('span', null, 'Without evidence (' + bare.length + '): ' + bare.map(entryName).join('; ') + '.'),
      ...toCheck.map(([id, found]) => el('div', null, 'Statements to check for ' + entryName(id) + ': ',
        ...found.map((s, i) => el('span', { title: 'cite as ' + s.id + ': “' + s.quote + '”' },
          (i ? '; ' : '') + said(s) + ' ', stanceEl(s.stance)))))]
    : []));
}

document.addEventListener('DOMContentLoaded', start);
