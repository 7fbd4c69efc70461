// The clinic's content editor (editor.html): start a content JSON from a short
// form or edit one, see the real widget preview it, list its problems and its
// reading levels, and get the embed snippet and the guide as static HTML.
//
// Everything stays in this tab: the only requests are for this page's own
// files (the example clinic.json and integrity.json at start, the renderer in
// editor-render/ when HTML is first asked for). No storage, no inline scripts
// or styles, so the page works under the widget's strict CSP.

const DEBOUNCE_MS = 300;
const MAX_SHOWN_PROBLEMS = 200;
const DEFAULT_LANGUAGES = ['en', 'es'];
const DOWNLOAD_NAME = 'our-guide.json';

// Used when clinic.json cannot be loaded: a small, valid override file.
const FALLBACK_TEXT = `{
  "clinic": {
    "name": { "en": "Your clinic's name", "es": "El nombre de su clínica" },
    "phone": "+1 555 010 0199"
  }
}
`;

const $ = (id) => document.getElementById(id);
const source = $('source');
const caret = $('caret');
const summary = $('summary');
const problemsHint = $('problems-hint');
const problemList = $('problems');
const fileStatus = $('file-status');
const openFile = $('open-file');
const downloadButton = $('download');
const previewLang = $('preview-lang');
const previewTheme = $('preview-theme');
const previewRegion = $('preview-region');

/** The regions of the element's region attribute (content::Region::ALL; a test checks them against the schema). */
const REGIONS = [
  ['us', 'United States'],
  ['uk', 'United Kingdom'],
  ['ca', 'Canada'],
  ['ie', 'Ireland'],
  ['au', 'Australia'],
  ['nz', 'New Zealand'],
  ['es', 'Spain'],
  ['mx', 'Mexico'],
  ['other', 'Other countries'],
];
// The region choices: the preview's and the HTML's (after "As in your file"), and the new file's.
for (const select of [previewRegion, $('static-region'), $('new-region')]) {
  select.append(...REGIONS.map(([value, name]) => new Option(name, value)));
}
const previewFrame = $('preview-frame');
const preview = $('preview');
const previewStatus = $('preview-status');
const readabilityStatus = $('readability-status');
const readabilityTables = $('readability-tables');
const contentSrc = $('content-src');
const snippet = $('snippet');
const copyButton = $('copy');
const copyStatus = $('copy-status');
const filesUrl = $('files-url');
const staticLang = $('static-lang');
const staticRegion = $('static-region');
const staticLevel = $('static-level');
const staticCss = $('static-css');
const staticDownload = $('static-download');
const staticCopy = $('static-copy');
const staticStatus = $('static-status');

/** The widget's API, or null if the loader did not load. */
const api = window.InfusionGuide && window.InfusionGuide.version ? window.InfusionGuide : null;

const state = {
  handle: null, // the preview widget's handle, once mounted
  lastValid: null, // { content, languages } of the last text without problems
  problems: [], // the problems of the current text
  checkId: 0, // to drop answers to older checks
  timer: 0,
  savedText: '', // the text as last opened or downloaded, for the leave warning
};

// ---------------------------------------------------------------- helpers

/** Sets a live region's text only when it changes, so it is not re-announced. */
function say(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** The name of a language code in English, with the code: "Spanish (es)". */
function languageName(code) {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    if (name && name !== code) return `${name} (${code})`;
  } catch {
    // not a code Intl knows: show the code alone
  }
  return code;
}

/** The UTF-16 offset in `text` of a 1-based line and column (columns count characters). */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  for (let c = 1; c < column && offset < end; c++) {
    const code = text.codePointAt(offset);
    offset += code > 0xffff ? 2 : 1;
  }
  return offset;
}

/** The 1-based line and column (in characters) of a UTF-16 offset in `text`. */
function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = [...before.slice(lineStart)].length + 1;
  return { line, column };
}

function showCaret() {
  const { line, column } = positionOf(source.value, source.selectionStart);
  caret.textContent = `Cursor: line ${line}, column ${column}`;
}

/** Moves the textarea's cursor to a line and column, and shows it. */
function goTo(line, column) {
  const text = source.value;
  const offset = offsetOf(text, line, column);
  source.focus({ preventScroll: true });
  source.setSelectionRange(offset, offset);
  // Lines do not wrap (wrap="off"), so the line's height places it exactly.
  const style = getComputedStyle(source);
  const lineHeight = parseFloat(style.lineHeight) || 20;
  const padding = parseFloat(style.paddingTop) || 0;
  const top = padding + (line - 1) * lineHeight;
  if (top < source.scrollTop || top + lineHeight > source.scrollTop + source.clientHeight) {
    source.scrollTop = Math.max(0, top - source.clientHeight / 3);
  }
  const charWidth = parseFloat(style.fontSize) * 0.6 || 8;
  const left = (column - 1) * charWidth;
  if (left < source.scrollLeft || left > source.scrollLeft + source.clientWidth - 4 * charWidth) {
    source.scrollLeft = Math.max(0, left - source.clientWidth / 2);
  }
  source.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  showCaret();
}

// ---------------------------------------------------------------- problems

function problemLabel(problem) {
  const where = problem.path ? `${problem.path} — ` : '';
  if (problem.line == null) return `${where}${problem.message}`;
  return `Line ${problem.line}, column ${problem.column ?? 1}: ${where}${problem.message}`;
}

function showProblems(problems) {
  state.problems = problems;
  const count = problems.length;
  say(
    summary,
    count === 0
      ? 'No problems: this file is valid'
      : `${count} ${count === 1 ? 'problem' : 'problems'}${count > MAX_SHOWN_PROBLEMS ? ` (the first ${MAX_SHOWN_PROBLEMS} are listed)` : ''}`,
  );
  summary.classList.toggle('summary-ok', count === 0);
  summary.classList.toggle('summary-bad', count > 0);
  problemsHint.hidden = !problems.some((p) => p.line != null);
  const items = problems.slice(0, MAX_SHOWN_PROBLEMS).map((problem) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'problem';
    button.textContent = problemLabel(problem);
    if (problem.line != null) {
      button.addEventListener('click', () => goTo(problem.line, problem.column ?? 1));
    } else {
      // No place in the file (a missing text, for example): nothing to move to.
      button.addEventListener('click', () => source.focus());
    }
    item.append(button);
    return item;
  });
  problemList.replaceChildren(...items);
}

// ---------------------------------------------------------------- preview

function languagesOf(content) {
  const list = content && Array.isArray(content.languages) ? content.languages.filter((l) => typeof l === 'string' && l) : [];
  return list.length ? list : DEFAULT_LANGUAGES;
}

function fillLanguages(languages) {
  for (const select of [previewLang, staticLang]) {
    const current = select.value;
    const same = [...select.options].map((o) => o.value).join() === languages.join();
    if (same) continue;
    select.replaceChildren(...languages.map((code) => new Option(languageName(code), code)));
    select.value = languages.includes(current) ? current : languages[0];
  }
}

/** The region to preview: the one chosen, else the file's (the built-in guide's is us). */
function previewRegionValue() {
  return previewRegion.value || state.lastValid?.content?.crisis?.region || 'us';
}

function previewOptions() {
  return {
    content: state.lastValid ? state.lastValid.content : undefined,
    lang: previewLang.value || 'en',
    theme: previewTheme.value,
    region: previewRegionValue(),
  };
}

function showPreview() {
  if (!api) return;
  const options = previewOptions();
  if (!state.handle) {
    state.handle = api.mount(preview, { ...options, headingLevel: 3 });
  } else {
    state.handle.update(options);
  }
}

function showPreviewStatus() {
  let text;
  if (!api) text = 'The preview could not start: infusion-guide.js was not found next to this page.';
  else if (state.problems.length === 0) text = 'The preview shows your file.';
  else if (state.lastValid) text = 'Showing your last valid version. Fix the problems in your file to update the preview.';
  else text = 'Showing the built-in guide: your file has problems. Fix them to see your changes.';
  say(previewStatus, text);
  previewStatus.classList.toggle('preview-status-old', !!api && state.problems.length > 0);
}

// ---------------------------------------------------------------- reading level

function sectionName(section) {
  const [kind, id] = section.split('/');
  const kinds = {
    guide: 'Overview',
    steps: 'Step',
    timeline: 'What to expect',
    faq: 'Question',
    checklist: 'Checklist',
    questions_to_ask: 'Questions to ask',
    disclaimer: 'Disclaimer',
  };
  const name = kinds[kind] ?? kind;
  return id ? `${name}: ${id}` : name;
}

const number = (value) => (value == null ? '–' : Number(value).toFixed(1));

/** What each language's scores are, and when a part is flagged (src/embed/tools.rs, readabilityReport). */
const FORMULAS = {
  english: {
    columns: ['Grade (Flesch-Kincaid)', 'SMOG grade'],
    flag: 'above grade\u00a08',
    note: (hard, total) =>
      hard ? `${hard} of ${total} parts are above grade 8.` : `All ${total} parts are at or below grade 8.`,
  },
  spanish: {
    columns: ['INFLESZ (Szigriszt-Pazos)', 'Fernández-Huerta'],
    flag: 'below 55',
    note: (hard, total) =>
      hard
        ? `${hard} of ${total} parts are below 55 on the INFLESZ scale (somewhat hard or harder).`
        : `All ${total} parts are at 55 or above on the INFLESZ scale.`,
  },
};

function readabilityTable(lang, rows) {
  const wrapper = document.createElement('div');
  wrapper.className = 'readability-language';
  const heading = document.createElement('h3');
  heading.textContent = languageName(lang);
  heading.id = `readability-${lang}`;
  const formula = FORMULAS[rows[0]?.formula];
  const note = document.createElement('p');
  if (!formula) {
    // English formulas would mislead for another language: say so instead.
    note.className = 'readability-note';
    note.textContent = `There is no reading formula for ${languageName(lang)} here, so its parts are not scored. Ask a native speaker to read them.`;
    wrapper.append(heading, note);
    return wrapper;
  }
  const hard = rows.filter((r) => r.tooHard).length;
  note.className = hard ? 'readability-note readability-note-hard' : 'readability-note';
  note.textContent = formula.note(hard, rows.length);

  // A narrow screen scrolls the table sideways, not the page: a region that
  // keyboard users can focus and scroll.
  const scroller = document.createElement('div');
  scroller.className = 'table-scroll';
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', `Reading level table, ${languageName(lang)}`);
  const table = document.createElement('table');
  const caption = document.createElement('caption');
  caption.className = 'visually-hidden';
  caption.textContent = `Reading level of each part, ${languageName(lang)}`;
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const [text, numeric] of [
    ['Part', false],
    ['Words', true],
    [formula.columns[0], true],
    [formula.columns[1], true],
    ['Check', false],
  ]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (numeric) th.className = 'num';
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    if (row.tooHard) tr.className = 'too-hard';
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = sectionName(row.section);
    const cells = [row.words, number(row.score), number(row.second)].map((value) => {
      const td = document.createElement('td');
      td.className = 'num';
      td.textContent = String(value);
      return td;
    });
    const check = document.createElement('td');
    if (row.tooHard) {
      const icon = document.createElement('span');
      icon.className = 'icon';
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = '⚠';
      check.append(icon, ` ${formula.flag}`);
    } else {
      check.textContent = 'OK';
    }
    tr.append(th, ...cells, check);
    body.append(tr);
  }
  table.append(caption, head, body);
  scroller.append(table);
  wrapper.append(heading, note, scroller);
  return wrapper;
}

function showReadability(rows) {
  if (!rows) {
    say(
      readabilityStatus,
      readabilityTables.childElementCount
        ? 'These figures are for your last valid version.'
        : 'Fix the problems in your file to see its reading level.',
    );
    return;
  }
  say(readabilityStatus, '');
  const byLang = new Map();
  for (const row of rows) {
    if (!byLang.has(row.lang)) byLang.set(row.lang, []);
    byLang.get(row.lang).push(row);
  }
  readabilityTables.replaceChildren(...[...byLang].map(([lang, list]) => readabilityTable(lang, list)));
}

// ---------------------------------------------------------------- checking

async function check() {
  clearTimeout(state.timer);
  if (!api) return;
  const id = ++state.checkId;
  const text = source.value;
  let problems;
  let rows = null;
  try {
    problems = await api.checkContent(text);
    if (problems.length === 0) rows = await api.readability(text);
  } catch (error) {
    problems = [{ message: `the file could not be checked (${error.message})`, path: '', line: null, column: null }];
  }
  if (id !== state.checkId) return; // a newer check is on its way
  let content = null;
  if (problems.length === 0) {
    try {
      content = JSON.parse(text);
    } catch (error) {
      problems = [{ message: `the file could not be read as JSON (${error.message})`, path: '', line: null, column: null }];
    }
  }
  showProblems(problems);
  if (content) {
    const languages = languagesOf(content);
    state.lastValid = { content, languages };
    fillLanguages(languages);
    showReadability(rows);
  } else {
    showReadability(null);
  }
  if (content || !state.handle) showPreview();
  showPreviewStatus();
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, DEBOUNCE_MS);
}

// ---------------------------------------------------------------- file in, file out

function setText(text) {
  source.value = text;
  state.savedText = source.value;
  source.setSelectionRange(0, 0);
  source.scrollTop = 0;
  showCaret();
  check();
}

openFile.addEventListener('change', () => {
  const file = openFile.files && openFile.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.addEventListener('load', () => {
    setText(String(reader.result));
    say(fileStatus, `Opened ${file.name}.`);
  });
  reader.addEventListener('error', () => say(fileStatus, `${file.name} could not be opened.`));
  reader.readAsText(file);
  openFile.value = ''; // opening the same file again reloads it
});

// A new clinic's file, from the short form (what `infusion-guide init` asks).
$('new-file-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!api) return;
  const fields = Object.fromEntries(new FormData(event.target));
  try {
    setText(await api.starter(fields));
    say(fileStatus, `Started a new file for ${fields.name.trim()}. Add what you want to change; download it to keep it.`);
    $('new-file').open = false;
    source.focus();
  } catch (error) {
    say(fileStatus, `The new file could not be made (${error.message}).`);
  }
});

/** Saves `text` as a file called `name`, as the browser saves downloads. */
function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

downloadButton.addEventListener('click', () => {
  download(source.value, DOWNLOAD_NAME, 'application/json');
  state.savedText = source.value;
  const count = state.problems.length;
  say(
    fileStatus,
    count
      ? `Downloaded ${DOWNLOAD_NAME}. It still has ${count} ${count === 1 ? 'problem' : 'problems'}: fix them before it goes on your website.`
      : `Downloaded ${DOWNLOAD_NAME}.`,
  );
});

// Nothing is stored: warn before closing the tab with changes not downloaded.
window.addEventListener('beforeunload', (event) => {
  if (source.value !== state.savedText) event.preventDefault();
});

// ---------------------------------------------------------------- embed snippet

/** The release this page belongs to ({ version, loader, wasm }, from integrity.json), once read. */
let release = null;

function attribute(value) {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The folder the patient's browser loads the widget's files from, ending in "/". */
function filesFolder() {
  if (filesFromCdn()) {
    return `https://cdn.jsdelivr.net/npm/infusion-guide@${release ? release.version : api ? api.version : 'VERSION'}/dist/`;
  }
  const folder = filesUrl.value.trim() || 'https://YOUR-SITE/infusion-guide/';
  return folder.endsWith('/') ? folder : `${folder}/`;
}

function filesFromCdn() {
  return document.querySelector('input[name="files-from"]:checked').value === 'cdn';
}

function showSnippet() {
  const src = contentSrc.value.trim() || '/our-guide.json';
  const loader = attribute(`${filesFolder()}infusion-guide.js`);
  // The CDN form pins the loader's bytes (Subresource Integrity); the loader pins the wasm's.
  const pinned = filesFromCdn() && release ? `\n        integrity="${release.loader}" crossorigin="anonymous"` : '';
  snippet.value =
    `<script type="module" src="${loader}"${pinned}></script>\n` +
    `<infusion-guide content-src="${attribute(src)}"></infusion-guide>`;
  say(staticCss, `The HTML links the widget's stylesheet at ${filesFolder()}infusion-guide.css.`);
}

/** Copies `text`, saying so in `status`; where the browser cannot, selects `fallback`'s text. */
async function copyText(text, status, fallback) {
  say(status, '');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    say(status, 'Copied');
  } catch {
    if (fallback) {
      fallback.focus();
      fallback.select();
      say(status, 'The snippet is selected: press Ctrl+C (or ⌘+C on a Mac) to copy it.');
    } else {
      say(status, 'This browser did not let the page copy. Use "Download HTML" instead.');
    }
  }
}

copyButton.addEventListener('click', () => {
  showSnippet();
  copyText(snippet.value, copyStatus, snippet);
});

for (const input of [contentSrc, filesUrl, ...document.querySelectorAll('input[name="files-from"]')]) {
  input.addEventListener(input.type === 'radio' ? 'change' : 'input', () => {
    $('files-url-field').hidden = filesFromCdn();
    showSnippet();
    say(copyStatus, '');
  });
}

/** Reads integrity.json (next to this page) for the CDN snippet's version and hash. */
async function readRelease() {
  try {
    const response = await fetch('integrity.json', { credentials: 'same-origin', cache: 'no-cache' });
    if (response.ok) release = await response.json();
  } catch {
    // opened without a server: the snippet goes without the hash
  }
  $('cdn-version').textContent = release ? `version ${release.version}` : api ? `version ${api.version}` : 'this version';
  showSnippet();
}

// ---------------------------------------------------------------- the guide as HTML

/** The renderer (dist/editor-render/), loaded the first time it is needed. */
let renderer = null;

function loadRenderer() {
  renderer ??= import('./editor-render/infusion_guide_editor_render.js').then(
    async (module) => {
      await module.default({ module_or_path: new URL('editor-render/infusion_guide_editor_render_bg.wasm', import.meta.url) });
      return module;
    },
  );
  // A failed load (offline for a moment) is tried again at the next click.
  renderer.catch(() => {
    renderer = null;
  });
  return renderer;
}

/** The static HTML of the file as it is now, or null after saying why not. */
async function staticHtml() {
  if (state.problems.length) {
    const count = state.problems.length;
    say(staticStatus, `Fix the ${count} ${count === 1 ? 'problem' : 'problems'} in your file first (see "Problems").`);
    return null;
  }
  say(staticStatus, 'Making the HTML…');
  try {
    const { renderStatic } = await loadRenderer();
    return await renderStatic(source.value, staticLang.value, Number(staticLevel.value), staticRegion.value, `${filesFolder()}infusion-guide.css`);
  } catch (error) {
    say(staticStatus, `The HTML could not be made: ${error.message}.`);
    return null;
  }
}

staticDownload.addEventListener('click', async () => {
  const html = await staticHtml();
  if (html === null) return;
  const name = `our-guide.${staticLang.value}.html`;
  download(html, name, 'text/html');
  say(staticStatus, `Downloaded ${name} (${languageName(staticLang.value)}).`);
});

staticCopy.addEventListener('click', async () => {
  const html = await staticHtml();
  if (html !== null) copyText(html, staticStatus, null);
});

// ---------------------------------------------------------------- preview controls

previewLang.addEventListener('change', () => state.handle && state.handle.update({ lang: previewLang.value }));
previewTheme.addEventListener('change', () => state.handle && state.handle.update({ theme: previewTheme.value }));
previewRegion.addEventListener('change', () => state.handle && state.handle.update({ region: previewRegionValue() }));
for (const radio of document.querySelectorAll('input[name="preview-width"]')) {
  radio.addEventListener('change', () => previewFrame.classList.toggle('phone', radio.value === 'phone' && radio.checked));
}

// The widget's own problems (none expected: only checked content reaches it).
preview.addEventListener('infusion-guide:error', () =>
  say(previewStatus, 'The preview could not use your file; it shows the built-in guide.'),
);

// ---------------------------------------------------------------- start

source.addEventListener('input', () => {
  showCaret();
  scheduleCheck();
});
for (const type of ['keyup', 'click', 'focus', 'select']) source.addEventListener(type, showCaret);

async function start() {
  readRelease();
  fillLanguages(DEFAULT_LANGUAGES);
  let text = FALLBACK_TEXT;
  try {
    const response = await fetch('clinic.json', { credentials: 'same-origin', cache: 'no-cache' });
    if (response.ok) text = await response.text();
  } catch {
    // offline, or opened without a server: start from the small example
  }
  source.value = text;
  state.savedText = source.value;
  showCaret();
  if (!api) {
    say(summary, 'Your file cannot be checked: infusion-guide.js was not found next to this page.');
    showPreviewStatus();
    return;
  }
  $('version').textContent = api.version;
  if (!(await api.ready)) {
    say(summary, 'Your file cannot be checked: the guide could not start in this browser.');
    say(previewStatus, 'The preview could not start in this browser.');
    return;
  }
  await check();
  document.documentElement.dataset.ready = 'true';
}

start();
