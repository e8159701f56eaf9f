// Sluice's page: the questions from GET /metadata, the answers kept as the query string the HTTP API takes
// (name=...&peakRps=..., endpoints[2].path=... for a service), and everything shown computed by the server:
// the plan (POST /plan), the chart (/chart.svg), the answers file (/answers.yaml), the files (/explore), the
// download (/starter.zip). Nothing here computes a setting; no library, no build step.
'use strict';

/** The questions that describe the payload, shown as one choice between them. */
const PAYLOAD = ['fields', 'schema', 'example'];
const PAYLOAD_HINT = {
  schema: 'a JSON Schema (draft-04, -07 or 2020-12) describing an object, pasted here',
  example: 'an example JSON object, pasted here, to infer the fields from',
};
/** How long typing pauses before the page asks the server again. */
const PAUSE_MS = 250;

const $ = (id) => document.getElementById(id);
let questions = [];
let timer = null;
let asked = 0;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function defaultText(question) {
  return question.default !== undefined ? question.default : question.defaultInWords;
}

/** One question: its label, its input (a choice where the answers are few), what is accepted, and its error. */
function questionRow(question, idPrefix) {
  const id = idPrefix + question.key;
  let input;
  if (question.choices) {
    input = element('select', { id });
    input.append(element('option', { value: '', text: `${question.default} (default)` }));
    for (const choice of question.choices) {
      if (choice !== question.default) input.append(element('option', { value: choice, text: choice }));
    }
  } else if (question.key === 'schema' || question.key === 'example') {
    input = element('textarea', { id, rows: 8, spellcheck: 'false', placeholder: '{ ... }' });
  } else {
    const placeholder = question.default !== undefined ? question.default : question.defaultInWords;
    input = element('input', { id, type: 'text', spellcheck: 'false', placeholder });
  }
  input.dataset.key = question.key;
  const accepted = PAYLOAD_HINT[question.key] || question.accepted;
  const hint = defaultText(question) === 'required' || PAYLOAD_HINT[question.key]
    ? accepted : `${accepted}. Default: ${defaultText(question)}`;
  return element('div', { class: 'question', 'data-question': question.key },
    element('label', { for: id, text: question.prompt }),
    input,
    element('small', { class: 'accepted', text: hint }),
    element('output', { class: 'error', for: id, hidden: '' }));
}

function payloadChoice(idPrefix) {
  const select = element('select', { id: idPrefix + 'payload', class: 'payload' },
    element('option', { value: 'fields', text: 'a list of fields' }),
    element('option', { value: 'schema', text: 'a JSON Schema' }),
    element('option', { value: 'example', text: 'an example body' }));
  select.addEventListener('change', () => showPayload(select.closest('.endpoint')));
  return element('div', { class: 'question' }, element('label', { for: select.id, text: 'Payload described by' }), select);
}

function showPayload(card) {
  const chosen = card.querySelector('select.payload').value;
  for (const key of PAYLOAD) {
    card.querySelector(`[data-question="${key}"]`).hidden = key !== chosen;
  }
}

function addEndpoint() {
  const cards = $('endpoints').children;
  const index = cards.length + 1;
  if (index === 2) {
    // A service's endpoints each name their path: the first keeps the one it had by default.
    const first = cards[0].querySelector('[data-key="path"]');
    if (first.value.trim() === '') first.value = first.placeholder;
  }
  const prefix = `e${index}-`;
  const card = element('fieldset', { class: 'endpoint', id: `endpoint-${index}` },
    element('legend', {}, element('span', { class: 'title' }),
      element('button', { type: 'button', class: 'remove', text: 'Remove' })));
  for (const question of questions.filter((q) => q.scope === 'endpoint')) {
    if (question.key === 'fields') card.append(payloadChoice(prefix));
    card.append(questionRow(question, prefix));
  }
  card.querySelector('.remove').addEventListener('click', () => {
    card.remove();
    renumber();
    refreshSoon(0);
  });
  $('endpoints').append(card);
  showPayload(card);
  renumber();
  return card;
}

/** Cards are numbered as the API numbers endpoints (from 1); ids follow, so a share link restores them in place. */
function renumber() {
  const cards = [...$('endpoints').children];
  cards.forEach((card, i) => {
    card.id = `endpoint-${i + 1}`;
    card.querySelector('.title').textContent = cards.length === 1 ? 'Endpoint' : `Endpoint ${i + 1}`;
    card.querySelector('.remove').hidden = cards.length === 1;
    for (const node of card.querySelectorAll('[id]')) {
      node.id = node.id.replace(/^e\d+-/, `e${i + 1}-`);
    }
    for (const label of card.querySelectorAll('label[for], output[for]')) {
      label.setAttribute('for', label.getAttribute('for').replace(/^e\d+-/, `e${i + 1}-`));
    }
  });
}

/** The answers as the HTTP API's parameters: only those given, so the server's defaults stay the defaults. */
function query() {
  const params = new URLSearchParams();
  for (const input of $('service').querySelectorAll('[data-key]')) {
    if (input.value.trim() !== '') params.append(input.dataset.key, input.value.trim());
  }
  const cards = [...$('endpoints').children];
  cards.forEach((card, i) => {
    const prefix = cards.length === 1 ? '' : `endpoints[${i + 1}].`;
    const payload = card.querySelector('select.payload').value;
    for (const input of card.querySelectorAll('[data-key]')) {
      const key = input.dataset.key;
      if (PAYLOAD.includes(key) && key !== payload) continue;
      const value = input.tagName === 'TEXTAREA' ? input.value : input.value.trim();
      // In a service every endpoint is listed by its path, even one still blank (the server then asks for it).
      if (value.trim() !== '' || (prefix && key === 'path')) params.append(prefix + key, value);
    }
  });
  return params.toString();
}

/** Fills the form from a share link's parameters (the same names {@link query} writes). */
function restore(params) {
  const cards = $('endpoints').children;
  for (const [name, value] of params) {
    const numbered = /^endpoints\[(\d+)]\.(.+)$/.exec(name);
    const key = numbered ? numbered[2] : name;
    const question = questions.find((q) => q.key === key);
    if (!question) continue;
    const scope = question.scope === 'service' ? $('service') : cards[numbered ? Number(numbered[1]) - 1 : 0];
    const input = scope && scope.querySelector(`[data-key="${key}"]`);
    if (!input) continue;
    input.value = value;
    if (PAYLOAD.includes(key) && scope.querySelector('select.payload')) {
      scope.querySelector('select.payload').value = key;
      showPayload(scope);
    }
  }
}

function clearErrors() {
  for (const output of document.querySelectorAll('output.error')) {
    output.hidden = true;
    output.textContent = '';
    output.closest('.question').classList.remove('invalid');
  }
  $('problem').hidden = true;
}

/** Shows the CLI's line beside the answer it names; the problem says which question and, in a service, whose. */
function showProblem(problem) {
  const cards = $('endpoints').children;
  const question = questions.find((q) => q.key === problem.question);
  let scope = null;
  if (question && question.scope === 'service') scope = $('service');
  else if (question) scope = cards[(problem.endpoint || 1) - 1];
  const row = scope && scope.querySelector(`[data-question="${problem.question}"]`);
  if (row && !row.hidden) {
    const output = row.querySelector('output.error');
    output.textContent = problem.detail;
    output.hidden = false;
    row.classList.add('invalid');
  } else {
    $('problem').textContent = problem.detail;
    $('problem').hidden = false;
  }
}

function money(amount) {
  return '$' + amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function settingsTable(settings) {
  const table = element('table', { class: 'settings' });
  for (const setting of settings) {
    table.append(element('tr', { 'data-setting': setting.key },
      element('th', { text: setting.label }),
      element('td', { class: 'value', text: setting.value }),
      element('td', { class: 'why', text: setting.why })));
  }
  return table;
}

function costTable(lines) {
  const table = element('table', { class: 'cost' });
  for (const line of lines) {
    table.append(element('tr', { 'data-line': line.key },
      element('th', { text: line.label }),
      element('td', { class: 'why', text: `${line.basis}; ${line.priceText}` }),
      element('td', { class: 'value', text: money(line.monthly) })));
  }
  return table;
}

function renderPlan(plan) {
  const cards = [...$('endpoints').children];
  const endpoints = plan.endpoints || [Object.assign({ path: pathOf(cards[0]) }, plan)];
  $('monthly-total').textContent = money(plan.monthlyTotal !== undefined ? plan.monthlyTotal : plan.cost.monthlyTotal);
  const sections = endpoints.map((endpoint, i) => {
    const section = element('section', { class: 'plan-endpoint', id: `plan-${i + 1}` },
      element('h3', {}, `POST ${endpoint.path}`, element('span', { class: 'cost-total', text: money(endpoint.cost.monthlyTotal) + ' a month' })));
    if (endpoint.warnings && endpoint.warnings.length) {
      section.append(element('ul', { class: 'warnings' }, ...endpoint.warnings.map((w) => element('li', { text: w }))));
    }
    section.append(settingsTable(endpoint.settings),
      element('details', {}, element('summary', { text: 'Cost, line by line' }), costTable(endpoint.cost.lines)));
    return section;
  });
  if (plan.shared) {
    sections.push(element('section', { class: 'plan-endpoint', id: 'plan-shared' },
      element('h3', {}, 'Shared by the endpoints', element('span', { class: 'cost-total', text: money(plan.shared.monthlyTotal) + ' a month' })),
      settingsTable(plan.shared.settings), costTable(plan.shared.lines)));
  }
  $('plan-endpoints').replaceChildren(...sections);
}

function pathOf(card) {
  const input = card.querySelector('[data-key="path"]');
  return input.value.trim() || input.placeholder;
}

function setLinks(q, ready) {
  const suffix = q ? '?' + q : '';
  $('download').href = '/starter.zip' + suffix;
  $('download-tgz').href = '/starter.tgz' + suffix;
  $('answers-download').href = '/answers.yaml' + suffix;
  $('share-url').value = location.origin + '/' + suffix;
  for (const link of [$('download'), $('download-tgz'), $('answers-download')]) {
    link.classList.toggle('disabled', !ready);
    link.setAttribute('aria-disabled', String(!ready));
  }
  history.replaceState(null, '', '/' + suffix);
}

function post(path, q) {
  return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: q });
}

/** Asks the server for the plan and the answers file of the answers as they stand; a later call wins. */
async function refresh() {
  const q = query();
  const mine = ++asked;
  document.body.classList.add('busy');
  const [plan, answers] = await Promise.all([post('/plan', q), post('/answers.yaml', q)]);
  const planBody = await plan.json().catch(() => null);
  const answersBody = await answers.text();
  if (mine !== asked) return;
  clearErrors();
  if (plan.ok) {
    renderPlan(planBody);
    $('chart').src = '/chart.svg?' + q;
    $('plan').classList.remove('stale', 'waiting');
  } else {
    $('plan').classList.add('stale');
    showProblem(planBody || { detail: `sluice: the server answered ${plan.status}` });
  }
  if (answers.ok) {
    $('answers-text').textContent = answersBody;
  } else if (plan.ok) {
    showProblem(JSON.parse(answersBody));
  }
  setLinks(q, plan.ok && answers.ok);
  document.body.classList.remove('busy');
  document.body.dataset.answered = String(mine);
}

function refreshSoon(pause = PAUSE_MS) {
  clearTimeout(timer);
  timer = setTimeout(refresh, pause);
}

async function explore() {
  $('explore').showModal();
  $('explore-files').replaceChildren(element('li', { text: 'Generating...' }));
  const response = await post('/explore', query());
  const project = await response.json();
  if (!response.ok) {
    $('explore-files').replaceChildren(element('li', { class: 'error', text: project.detail }));
    return;
  }
  $('explore-name').textContent = project.name;
  const show = (file, button) => {
    for (const other of $('explore-files').querySelectorAll('button')) other.classList.remove('selected');
    button.classList.add('selected');
    $('explore-path').textContent = `${file.path} (${file.size.toLocaleString('en-US')} bytes)`;
    $('explore-text').textContent = file.text !== undefined ? file.text : '(not text)';
  };
  // By folder, each folder named once above its files.
  const files = [...project.files].sort((a, b) => folderOf(a.path).localeCompare(folderOf(b.path)) || a.path.localeCompare(b.path));
  const items = [];
  let folder = null;
  for (const file of files) {
    if (folderOf(file.path) !== folder) {
      folder = folderOf(file.path);
      if (folder) items.push(element('li', { class: 'folder', text: folder + '/' }));
    }
    const button = element('button', { type: 'button', 'data-path': file.path, text: file.path.slice(folder ? folder.length + 1 : 0) });
    button.addEventListener('click', () => show(file, button));
    items.push(element('li', {}, button));
  }
  $('explore-files').replaceChildren(...items);
  const readme = files.find((f) => f.path === 'README.md') || files[0];
  show(readme, $('explore-files').querySelector(`button[data-path="${CSS.escape(readme.path)}"]`));
}

function folderOf(path) {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

async function start() {
  const metadata = await (await fetch('/metadata')).json();
  questions = metadata.questions;
  $('version').textContent = `Sluice ${metadata.sluiceVersion}`;
  for (const question of questions.filter((q) => q.scope === 'service')) {
    $('service').append(questionRow(question, 'service-'));
  }
  $('service-name').value = 'orders-api';
  const given = new URLSearchParams(location.search);
  const numbers = [...given.keys()].map((name) => /^endpoints\[(\d+)]\./.exec(name)).filter(Boolean).map((m) => Number(m[1]));
  const count = Math.max(1, ...numbers);
  for (let i = 0; i < count; i++) addEndpoint();
  restore(given);

  $('answers').addEventListener('input', () => refreshSoon());
  $('answers').addEventListener('change', () => refreshSoon());
  $('add-endpoint').addEventListener('click', () => {
    addEndpoint().querySelector('[data-key="path"]').focus();
    refreshSoon(0);
  });
  for (const link of [$('download'), $('download-tgz'), $('answers-download')]) {
    link.addEventListener('click', (event) => {
      if (link.classList.contains('disabled')) event.preventDefault();
    });
  }
  $('explore-open').addEventListener('click', explore);
  $('share-open').addEventListener('click', () => $('share').showModal());
  $('answers-open').addEventListener('click', () => $('answers-file').showModal());
  for (const close of document.querySelectorAll('dialog .close')) {
    close.addEventListener('click', () => close.closest('dialog').close());
  }
  for (const copy of document.querySelectorAll('button.copy')) {
    copy.addEventListener('click', async () => {
      const source = $(copy.dataset.copy);
      await navigator.clipboard.writeText(source.value !== undefined ? source.value : source.textContent);
      copy.textContent = 'Copied';
      setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
    });
  }
  await refresh();
}

start();
