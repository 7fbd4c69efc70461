// The performance benchmark: `cargo xtask bench` builds the release widget
// into dist/ and the native tools, then runs this file, which prints tables:
//
//   1. download sizes of what a host page fetches (raw, gzip -9, brotli 11)
//   2. time to the first content on screen and the first interaction, for
//      (a) the built-in guide, (b) a clinic's content-src with its `render`
//      output pasted, (c) the content-src alone, each against the static HTML
//      of the same content, and the layout shift while the app takes over
//      (headless Chromium, fresh context per load, brotli-served), on a
//      desktop and as a phone
//   3. the longest main-thread task during a load (Chromium trace)
//   4. FAQ search latency per keystroke over 1,000 questions
//   5. parsing, merging and validating a 1 MiB content file, natively
//      (bench/content.rs, `cargo bench --profile bench-native`) and in the browser
//   6. memory after 1 and after 100 mount/unmount cycles, and after 2,000 and
//      4,000 to tell a leak from a one-time rise
//
// then a summary of the targets. Usage (from the repository's top):
//
//   node bench/run.mjs [--runs N]     (or BENCH_RUNS=N; default 21 loads)
//   node bench/run.mjs --only faq-search [--runs N]
//                                     (table 4 alone, N times, for a quick
//                                     before-and-after of a change to the FAQ)
//   node bench/run.mjs --only loads [--runs N] [--dist DIR]
//                                     (tables 1 and 2 alone; --dist: another
//                                     build of the widget, such as an older
//                                     commit's, for a before-and-after)
//
// Generated files go to target/bench/. Progress goes to stderr, tables to stdout.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';
import { defaultGuide, expectedMatches, faqContent, largeContent, searchKeystrokes } from './data.mjs';
import { PHONE, timeLoad, traceLoad } from './loads.mjs';
import { CLINIC_FILE, CLINIC_PATH, benchPages, renderStaticGuide } from './pages.mjs';
import { bytes, median, ms, printTable, quantile, signedBytes, spread } from './report.mjs';
import { serve } from './server.mjs';
import { BROTLI_BEFORE_HTML_FIRST, BROTLI_BUDGET, downloadSizes } from './sizes.mjs';
import { browserParse, faqSearch, memoryCycles } from './widget.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'target/bench');
const PAGES = ['widget', 'static', 'clinic-paste', 'clinic-src', 'clinic-static', 'blank'];
/** The guides timed against the static HTML of the same content: (page, its static page, label). */
const GUIDES = [
  ['widget', 'static', '(a) built-in guide'],
  ['clinic-paste', 'clinic-static', '(b) content-src + pasted render'],
  ['clinic-src', 'clinic-static', '(c) content-src alone'],
];
const LONG_TASK_BUDGET_MS = 50;
const SEARCH_BUDGET_MS = 16;
/** First content of (a) and (b) may take at most this many times the static HTML's, desktop and phone. */
const FIRST_CONTENT_RATIO = 1.1;
const MEMORY_CYCLES = 100;
/**
 * Cycles after which memory is measured twice more, to tell a leak from a
 * one-time rise: a leak keeps growing from the first to the second.
 */
const LEAK_CHECK_CYCLES = 2000;
const LEAK_CHECK_END = 4000;
const MOUNT_RUNS = 5;
/** Garbage-collected heap sizes differ by a few KB between two measurements
 * with nothing leaking; growth within 1% of the heap counts as none. */
const HEAP_NOISE = 0.01;

/** Progress, on stderr so that stdout holds only the tables. */
const progress = (message) => process.stderr.write(`bench: ${message}\n`);

/**
 * The options: the number of loads per page and condition (`--runs N` or
 * BENCH_RUNS, default 21), and `--only faq-search`, which runs the FAQ search
 * table alone, N times (default 3).
 */
function optionsFromArguments() {
  const args = process.argv.slice(2);
  const value = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? (args[at + 1] ?? '') : undefined;
  };
  const usage = 'usage: node bench/run.mjs [--runs N] [--only faq-search|loads] [--dist DIR]';
  const named = ['--runs', '--only', '--dist'];
  if (args.some((a, i) => !named.includes(a) && !named.includes(args[i - 1]))) {
    throw new Error(`unknown argument in "${args.join(' ')}"; ${usage}`);
  }
  const only = value('--only');
  if (only !== undefined && !['faq-search', 'loads'].includes(only)) throw new Error(`--only takes faq-search or loads, not "${only}"; ${usage}`);
  const dist = value('--dist') ?? join(ROOT, 'dist');
  const given = value('--runs') ?? process.env.BENCH_RUNS;
  if (given === undefined) return { runs: only === 'faq-search' ? 3 : 21, only, dist };
  const runs = Number(given);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs (or BENCH_RUNS) must be a positive whole number, not "${given}"`);
  return { runs, only, dist };
}

/** Runs the command-line tool (release build) with `args`; its output, or a clear failure. */
function cli(args) {
  try {
    return execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'infusion-guide', '--', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    throw new Error(`infusion-guide ${args.join(' ')} failed:\n${error.stdout ?? ''}`, { cause: error });
  }
}

/** The generated content files, checked valid by the command-line tool. */
function generateContent() {
  mkdirSync(OUT, { recursive: true });
  const guide = defaultGuide(ROOT);
  const faq = faqContent(guide);
  const large = largeContent(guide);
  const faqFile = join(OUT, 'faq-1000.json');
  const largeFile = join(OUT, 'content-1mb.json');
  writeFileSync(faqFile, faq.json);
  writeFileSync(largeFile, large);
  progress(`checking the generated content: ${cli(['check', faqFile, largeFile]).trim().replace(/\n/g, ', ')}`);
  return {
    faqQuestions: faq.questions,
    largeFile,
    largeBytes: Buffer.byteLength(large),
    // Every question of the large file is new (merged after the built-in ones).
    largeFaqCount: guide.faq.length + JSON.parse(large).faq.length,
  };
}

/**
 * `cargo bench --bench content` on `file` (release settings, in the
 * `bench-native` profile: see Cargo.toml): `{ median_ms, min_ms, mb_per_s, runs, bytes }`.
 */
function nativeParse(file, runs) {
  const json = join(OUT, 'native-content.json');
  execFileSync('cargo', ['bench', '--quiet', '--profile', 'bench-native', '--bench', 'content'], {
    cwd: ROOT,
    // Its progress and its one line of figures go to stderr with ours.
    stdio: ['ignore', 2, 2],
    env: { ...process.env, INFUSION_GUIDE_BENCH_CONTENT: file, INFUSION_GUIDE_BENCH_JSON: json, BENCH_RUNS: String(runs) },
  });
  return JSON.parse(readFileSync(json, 'utf8'));
}

function printSizes(dist) {
  const { downloaded, total, embedded, staticOnly } = downloadSizes(ROOT, dist);
  const row = (r) => [r.name, bytes(r.raw), bytes(r.gzip), bytes(r.brotli)];
  printTable(
    'Download size (bytes)',
    ['file', 'raw', 'gzip -9', 'brotli 11'],
    [...downloaded.map(row), row(total), ...embedded.map(row), row(staticOnly[0])],
    [
      `Target: the widget's brotli TOTAL at most 90 KB = ${bytes(BROTLI_BUDGET)} bytes (90 × 1024).`,
      `At 5d194b5, before the guide was prerendered into the loader: ${bytes(BROTLI_BEFORE_HTML_FIRST)} bytes (not to grow).`,
      'TOTAL adds the two files a widget page downloads. The "of which" rows are sources compiled into',
      'the loader, compressed alone for reference (not added). The .css is fetched by the static page, and',
      'by the loader only in browsers without constructable stylesheets.',
    ],
  );
  return total.brotli;
}

/** `runs` loads of each page (plus one untimed round), interleaved so that noise hits all alike. */
async function firstContent(browser, url, runs, phone) {
  const results = Object.fromEntries(PAGES.map((p) => [p, { firstContent: [], fcp: [], interactive: [], shift: [] }]));
  for (let round = 0; round <= runs; round++) {
    for (let i = 0; i < PAGES.length; i++) {
      const name = PAGES[(round + i) % PAGES.length];
      const { firstContent, fcp, interactive, shift } = await timeLoad(browser, url, name, { phone });
      if (round === 0) continue; // warm-up: the browser's own first-use costs
      results[name].firstContent.push(firstContent);
      if (fcp != null) results[name].fcp.push(fcp);
      if (interactive != null) results[name].interactive.push(interactive);
      results[name].shift.push(shift);
    }
    if (round > 0 && round % 5 === 0) progress(`  ${phone ? 'phone' : 'desktop'} loads: round ${round}/${runs}`);
  }
  return results;
}

function printFirstContent(runs, desktop, phone) {
  const rows = [];
  const ratios = {};
  for (const [label, r] of [['desktop', desktop], ['phone', phone]]) {
    for (const [page, base, name] of GUIDES) {
      const staticFirst = median(r[base].firstContent);
      const content = median(r[page].firstContent) / staticFirst;
      const interaction = median(r[page].interactive) / staticFirst;
      ratios[`${page}:${label}`] = { content, interaction, shift: Math.max(...r[page].shift) };
      rows.push([
        `${name}, ${label}`,
        spread(r[page].firstContent),
        `${content.toFixed(2)}x`,
        spread(r[page].interactive),
        `${interaction.toFixed(2)}x`,
        Math.max(...r[page].shift).toFixed(3),
      ]);
    }
    for (const [page, name] of [['static', 'static HTML, built-in'], ['clinic-static', 'static HTML, clinic'], ['blank', 'blank page']]) {
      rows.push([`  ${name}, ${label}`, spread(r[page].firstContent), '', '', '', '']);
    }
    rows.push([`  FCP of (a), ${label}`, spread(r.widget.fcp), '', '', '', '']);
  }
  printTable(
    `Time to first content and first interaction (ms from navigation start; median (p25–p75) of ${runs} loads)`,
    ['', 'first content', '÷ static', 'first interaction', '÷ static', 'layout shift (max)'],
    rows,
    [
      'Each load: a fresh browser context (cold cache), headless Chromium 1280x800, files served brotli-compressed.',
      '(a) the README snippet (loader script + <infusion-guide>) showing the built-in guide, against the same guide',
      'as `infusion-guide render` HTML (linking infusion-guide.css, no script); (b) a clinic\'s content-src',
      `(${CLINIC_FILE}) with its \`render\` output pasted inside the element, and (c) the content-src alone,`,
      'both against that render output alone. "÷ static": the median over the static HTML\'s median.',
      'First content: the guide\'s title heading laid out with a non-zero size and the widget\'s styles applied',
      '(blank page: the host page\'s heading), read in requestAnimationFrame; the time is taken at the next frame.',
      'First interaction: the element\'s infusion-guide:ready event (the app on screen, its controls working).',
      'Layout shift: the sum of layout-shift entries from the first content until 0.5 s after ready (the',
      'takeover), the largest of all loads. Targets: first content of (a) and (b) at most',
      `${FIRST_CONTENT_RATIO}x, desktop and phone; layout shift 0.`,
      `phone: CPU ${PHONE.cpuRate}x slower, ${PHONE.latencyMs} ms latency, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse's slow 4G).`,
    ],
  );
  return ratios;
}

async function longestTasks(browser, url, runs) {
  const results = {};
  for (const phone of [false, true]) {
    for (const name of ['widget', 'blank']) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await traceLoad(browser, url, name, { phone }));
      results[`${name}:${phone}`] = samples;
    }
    progress(`  traces done (${phone ? 'phone' : 'desktop'})`);
  }
  const cell = (samples) =>
    `${ms(median(samples.map((s) => s.longest)))} (${ms(Math.max(...samples.map((s) => s.longest)))})`;
  const over = (samples) => median(samples.map((s) => s.over50)).toFixed(0);
  printTable(
    `Longest main-thread task during a load (ms; median (max) of ${runs} traced loads)`,
    ['', '(a) widget', 'tasks > 50 ms', '(c) blank page', 'tasks > 50 ms'],
    [false, true].map((phone) => [
      phone ? 'phone (CPU 4x, slow 4G)' : 'desktop',
      cell(results[`widget:${phone}`]),
      over(results[`widget:${phone}`]),
      cell(results[`blank:${phone}`]),
      over(results[`blank:${phone}`]),
    ]),
    [
      'A Chromium trace (devtools.timeline) from navigation until the first content plus 1 s; the longest',
      'RunTask on the page renderer\'s main thread (CrRendererMain). "tasks > 50 ms": median count per load.',
      `Target: none over ${LONG_TASK_BUDGET_MS} ms on the desktop.`,
    ],
  );
  return median(results['widget:false'].map((s) => s.longest));
}

async function search(browser, url, questions) {
  const keystrokes = searchKeystrokes().map((value) => {
    const count = expectedMatches(questions, value);
    const filtering = value.trim() !== '';
    const status = !filtering ? '' : count === 0
      ? 'No questions match. Try other words, or ask your clinic.'
      : count === 1 ? '1 question matches' : `${count} questions match`;
    return { value, count, status };
  });
  const samples = await faqSearch(browser, url, keystrokes, questions.length);
  const p95 = quantile(samples, 0.95);
  printTable(
    `FAQ search, ${bytes(questions.length)} questions (ms per keystroke)`,
    ['keystrokes', 'median', 'p95', 'max', 'lists checked'],
    [[samples.length, ms(median(samples)), ms(p95), ms(Math.max(...samples)), `${samples.length}/${keystrokes.length} right`]],
    [
      'Words typed letter by letter, deleted, cleared; one query matching nothing, one matching all.',
      'Each: from setting the input\'s value and dispatching `input` to the updated list laid out (forced',
      'layout), measured in the page. Each list is checked: as many questions shown, and the status line',
      `as expected from the generated data. Target: p95 at most ${SEARCH_BUDGET_MS} ms.`,
    ],
  );
  return p95;
}

async function parsing(browser, url, content, native, runs) {
  const { check, mount } = await browserParse(browser, url, '/bench/content-1mb.json', {
    runs,
    mountRuns: MOUNT_RUNS,
    faqCount: content.largeFaqCount,
  });
  const mb = content.largeBytes / 1e6;
  const rate = (millis) => (mb / (millis / 1000)).toFixed(1);
  printTable(
    `Parse, merge and validate ${bytes(content.largeBytes)} bytes of content (ms)`,
    ['where', 'runs', 'median', 'min', 'MB/s'],
    [
      ['native: load_clinic_bytes (as `check`)', native.runs, ms(native.median_ms), ms(native.min_ms), native.mb_per_s.toFixed(1)],
      ['browser: InfusionGuide.checkContent', check.length, ms(median(check)), ms(Math.min(...check)), rate(median(check))],
      ['browser: mount with it until shown', mount.length, ms(median(mount)), ms(Math.min(...mount)), ''],
    ],
    [
      'The file: target/bench/content-1mb.json, generated (bench/data.mjs; English and Spanish steps, phases',
      `and ${bytes(content.largeFaqCount)} questions with formatting) and checked valid with \`infusion-guide check\`.`,
      'native: bench/content.rs (`cargo bench --profile bench-native`). Each timing follows one untimed run.',
      'mount: an <infusion-guide> with the file inline, from insertion to the guide laid out (every',
      'question shown, no error event).',
    ],
  );
}

async function memory(browser, url) {
  const [first, last, later, end] = await memoryCycles(browser, url, [1, MEMORY_CYCLES, LEAK_CHECK_CYCLES, LEAK_CHECK_END]);
  const growth = {
    wasm: last.wasm - first.wasm,
    heap: last.heap - first.heap,
    laterWasm: end.wasm - later.wasm,
    laterHeap: end.heap - later.heap,
  };
  const heapNoise = Math.round(first.heap * HEAP_NOISE);
  const row = (label, key) => [
    label,
    bytes(first[key]),
    bytes(last[key]),
    signedBytes(last[key] - first[key]),
    bytes(later[key]),
    bytes(end[key]),
    signedBytes(end[key] - later[key]),
  ];
  printTable(
    'Memory over mount/unmount cycles of the built-in guide (bytes)',
    ['', 'after 1 cycle', `after ${MEMORY_CYCLES}`, 'growth', `after ${bytes(LEAK_CHECK_CYCLES)}`, `after ${bytes(LEAK_CHECK_END)}`, 'growth'],
    [row('wasm memory', 'wasm'), row('JS heap used (after GC)', 'heap')],
    [
      'InfusionGuide.mount(element, {}) until the whole guide shows (its disclaimer), then handle.unmount() until it is gone.',
      'wasm memory: InfusionGuide.stats().wasmMemoryBytes (wasm memory only grows, so growth means a leak',
      'or fragmentation). JS heap: Runtime.getHeapUsage after HeapProfiler.collectGarbage.',
      `Target: no growth from 1 to ${MEMORY_CYCLES} cycles (for the JS heap: within ${HEAP_NOISE * 100}% of it, ${bytes(heapNoise)} B, the`,
      `noise of two measurements). The last columns tell a leak (still growing from ${bytes(LEAK_CHECK_CYCLES)} to ${bytes(LEAK_CHECK_END)}`,
      'cycles) from a one-time rise (the allocator\'s first extra page; the JS engine keeping compiled code and',
      'type feedback in its heap as it warms up).',
    ],
  );
  return { ...growth, heapNoise };
}

/**
 * Serves dist/ and the generated files as a clinic's host would, starts
 * Chromium, runs `fn(browser, site)`, and closes both.
 */
async function withBrowser(fn, dist = join(ROOT, 'dist')) {
  progress('rendering the static guides (infusion-guide render)');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'clinic.json'), readFileSync(join(ROOT, CLINIC_FILE)));
  const site = await serve({
    mounts: { '/': dist, '/bench/': OUT },
    pages: benchPages(renderStaticGuide(ROOT), renderStaticGuide(ROOT, CLINIC_FILE)),
  });
  site.warm([
    '/infusion-guide.js', '/infusion_guide_bg.wasm', '/infusion-guide.css', CLINIC_PATH,
    ...PAGES.map((page) => `/${page}.html`),
  ]);
  const browser = await launch();
  try {
    console.log(`\nChromium ${browser.version()}, ${new Date().toISOString()}`);
    return await fn(browser, site);
  } finally {
    await browser.close();
    await site.close();
  }
}

/** `--only faq-search`: the FAQ search table `runs` times, and nothing else. */
async function faqSearchOnly(runs) {
  progress('generating content files into target/bench/');
  const content = generateContent();
  await withBrowser(async (browser, site) => {
    const p95s = [];
    for (let run = 1; run <= runs; run += 1) {
      progress(`FAQ search, run ${run} of ${runs}`);
      p95s.push(await search(browser, site.url, content.faqQuestions));
    }
    console.log(`\nFAQ search p95 over ${runs} runs: ${p95s.map(ms).join(', ')} ms (target: at most ${SEARCH_BUDGET_MS} ms)`);
  });
}

/** `--only loads`: the sizes and the page loads, for a build in `dist` (a before-and-after). */
async function loadsOnly(runs, dist) {
  printSizes(dist);
  await withBrowser(async (browser, site) => {
    progress(`page loads, desktop (${runs} + 1 per page)`);
    const desktop = await firstContent(browser, site.url, runs, false);
    progress(`page loads, phone (${runs} + 1 per page)`);
    const phone = await firstContent(browser, site.url, runs, true);
    printFirstContent(runs, desktop, phone);
  }, dist);
}

async function main() {
  const { runs, only, dist } = optionsFromArguments();
  for (const file of ['infusion-guide.js', 'infusion_guide_bg.wasm', 'infusion-guide.css'].map((f) => join(dist, f))) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build the release first (\`cargo xtask dist\`), or run \`cargo xtask bench\``);
    }
  }
  const started = Date.now();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  if (only === 'faq-search') {
    console.log(`# infusion-guide benchmark, FAQ search only: commit ${commit}`);
    return faqSearchOnly(runs);
  }
  if (only === 'loads') {
    console.log(`# infusion-guide benchmark, sizes and page loads only: ${dist} (checkout at ${commit}), ${runs} loads per page and condition`);
    return loadsOnly(runs, dist);
  }
  console.log(`# infusion-guide benchmark: commit ${commit}, ${runs} loads per page and condition`);
  console.log(`${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`);
  const brotliTotal = printSizes(dist);

  progress('generating content files into target/bench/');
  const content = generateContent();
  progress('native parsing: cargo bench --profile bench-native --bench content');
  const native = nativeParse(content.largeFile, runs);

  await withBrowser(async (browser, site) => {
    progress(`page loads, desktop (${runs} + 1 per page)`);
    const desktop = await firstContent(browser, site.url, runs, false);
    progress(`page loads, phone (${runs} + 1 per page)`);
    const phone = await firstContent(browser, site.url, runs, true);
    const ratios = printFirstContent(runs, desktop, phone);

    const traceRuns = Math.max(3, Math.round(runs / 3));
    progress(`traced loads (${traceRuns} per page and condition)`);
    const longest = await longestTasks(browser, site.url, traceRuns);

    progress('FAQ search');
    const p95 = await search(browser, site.url, content.faqQuestions);

    progress('parsing in the browser');
    await parsing(browser, site.url, content, native, runs);

    progress(`memory (${bytes(LEAK_CHECK_END)} mount/unmount cycles)`);
    const growth = await memory(browser, site.url);

    const verdict = (ok) => (ok ? 'met' : 'MISSED');
    printTable('Summary', ['target', 'measured', 'result'], [
      [`widget download, brotli, at most ${bytes(BROTLI_BUDGET)} B (90 KB)`, `${bytes(brotliTotal)} B`, verdict(brotliTotal <= BROTLI_BUDGET)],
      [`widget download, brotli, no larger than at 5d194b5 (${bytes(BROTLI_BEFORE_HTML_FIRST)} B)`, `${bytes(brotliTotal)} B`, verdict(brotliTotal <= BROTLI_BEFORE_HTML_FIRST)],
      ...['widget', 'clinic-paste'].flatMap((page) => ['desktop', 'phone'].map((label) => {
        const { content } = ratios[`${page}:${label}`];
        const name = GUIDES.find(([p]) => p === page)[2];
        return [`first content, ${name}, ${label}, at most ${FIRST_CONTENT_RATIO}x the static HTML's`, `${content.toFixed(2)}x`, verdict(content <= FIRST_CONTENT_RATIO)];
      })),
      ...GUIDES.map(([page, , name]) => {
        const shift = Math.max(ratios[`${page}:desktop`].shift, ratios[`${page}:phone`].shift);
        return [`layout shift while the app takes over, ${name}: 0`, shift.toFixed(3), verdict(shift === 0)];
      }),
      [`longest main-thread task, desktop, at most ${LONG_TASK_BUDGET_MS} ms`, `${ms(longest)} ms`, verdict(longest <= LONG_TASK_BUDGET_MS)],
      [`FAQ search p95 over 1,000 questions, at most ${SEARCH_BUDGET_MS} ms`, `${ms(p95)} ms`, verdict(p95 <= SEARCH_BUDGET_MS)],
      [`wasm memory growth over ${MEMORY_CYCLES} mount/unmount cycles: none`, `${signedBytes(growth.wasm)} B`, verdict(growth.wasm <= 0)],
      [`JS heap growth over ${MEMORY_CYCLES} mount/unmount cycles: none (±${HEAP_NOISE * 100}%)`, `${signedBytes(growth.heap)} B`, verdict(growth.heap <= growth.heapNoise)],
      [`leak check: wasm memory growth from ${bytes(LEAK_CHECK_CYCLES)} to ${bytes(LEAK_CHECK_END)} cycles: none`, `${signedBytes(growth.laterWasm)} B`, verdict(growth.laterWasm <= 0)],
      [`leak check: JS heap growth from ${bytes(LEAK_CHECK_CYCLES)} to ${bytes(LEAK_CHECK_END)} cycles: none (±${HEAP_NOISE * 100}%)`, `${signedBytes(growth.laterHeap)} B`, verdict(growth.laterHeap <= growth.heapNoise)],
    ]);
    console.log(`\nBenchmark took ${((Date.now() - started) / 60000).toFixed(1)} minutes.`);
  }, dist);
}

main().catch((error) => {
  console.error(`\nbench: ${error.message}`);
  if (error.cause) console.error(error.cause);
  process.exit(1);
});
