// Generated content files for the benchmark, written to target/bench/:
//
//   faq-1000.json    the built-in guide with its questions replaced by 1,000
//                    generated ones (English only), for the FAQ search
//   content-1mb.json about 1 MiB of English and Spanish steps, phases and
//                    questions with formatting, merged onto the built-in
//                    guide, for parsing, merging and validating
//
// Both are clinic files as docs/content-format.md describes them (merged onto
// the default by id), made from a seeded generator, so every run and every
// machine gets the same bytes. The search expectations (how many questions
// match a query) are computed here from the same data, so the benchmark can
// check that the widget showed the right list rather than timing nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small seeded pseudo-random generator (mulberry32), returning [0, 1). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

// Plain ASCII lowercase words, so that the widget's folding (lowercase, no
// accents) leaves them as they are and the expected matches are exact.
const TOPICS = [
  'infusion', 'nausea', 'driving', 'dose', 'session', 'blood pressure', 'insurance', 'cost', 'sleep',
  'dizziness', 'appointment', 'medication', 'therapy', 'recovery', 'monitoring', 'nurse', 'referral',
  'anxiety', 'headache', 'food', 'alcohol', 'pregnancy', 'heart', 'memory', 'vision', 'booster',
  'schedule', 'consent', 'payment', 'parking',
];
const OPENERS = ['What about', 'How does the clinic handle', 'Can I ask about', 'What should I know about', 'Is there advice on'];
const SENTENCES = [
  (a, b) => `Your care team checks your ${a} before each ${b}.`,
  (a, b) => `Tell the nurse about any ${a} you notice during the ${b}.`,
  (a, b) => `Most people find that ${a} settles soon after the ${b}.`,
  (a, b) => `Ask your clinician how ${a} may change your ${b}.`,
  (a, b) => `Plan your ${a} so that it fits around the ${b}.`,
];

/** The `n` generated questions: `{ id, question, answer, category }`, English only. */
function generatedQuestions(n, categories) {
  const rand = random(1000);
  const questions = [];
  for (let i = 1; i <= n; i++) {
    const [a, b] = [pick(rand, TOPICS), pick(rand, TOPICS)];
    const sentences = Array.from({ length: 3 }, () => pick(rand, SENTENCES)(pick(rand, TOPICS), pick(rand, TOPICS)));
    questions.push({
      id: `generated-question-${i}`,
      question: `${pick(rand, OPENERS)} ${a} and ${b}?`,
      answer: sentences.join(' '),
      category: categories[i % categories.length],
    });
  }
  return questions;
}

/** The built-in guide, as shipped. */
export function defaultGuide(root) {
  return JSON.parse(readFileSync(join(root, 'content/default.json'), 'utf8'));
}

/**
 * The FAQ search file: every built-in question removed, 1,000 generated ones
 * added, in the built-in topics. Returns `{ json, questions }`, where
 * `questions` are the plain texts the widget searches.
 */
export function faqContent(guide, count = 1000) {
  const categories = guide.faq_categories.map((c) => c.id);
  const questions = generatedQuestions(count, categories);
  const doc = {
    languages: ['en'],
    fallback_language: 'en',
    faq: [
      ...guide.faq.map((q) => ({ id: q.id, remove: true })),
      ...questions.map((q) => ({ id: q.id, question: { en: q.question }, answer: { en: q.answer }, category: q.category })),
    ],
  };
  return { json: JSON.stringify(doc, null, 2) + '\n', questions };
}

/**
 * How many of `questions` match `query` as the widget searches: every word
 * of the query (split at whitespace, lowercase) appears in the question or
 * its answer. An empty query matches all.
 */
export function expectedMatches(questions, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return questions.filter((q) => {
    const text = `${q.question}\n${q.answer}`.toLowerCase();
    return words.every((w) => text.includes(w));
  }).length;
}

/**
 * The keystrokes of the search measurement: words typed letter by letter,
 * cleared, deleted letter by letter; a query matching nothing, one matching
 * nearly everything, one of two words. Each entry is the input's new value.
 */
export function searchKeystrokes() {
  const typed = (word) => [...word].map((_, i) => word.slice(0, i + 1));
  const deleted = (word, n) => Array.from({ length: n }, (_, i) => word.slice(0, word.length - i - 1));
  return [
    ...typed('nausea'), '',
    ...typed('blood pressure'), '',
    ...typed('xylophone'), '', // matches nothing
    'e', '', // matches nearly every question
    ...typed('insurance cost'), ...deleted('insurance cost', 4), '',
    ...typed('sleep'), '',
    ...typed('dose'), '',
  ];
}

// Words for the large file, English and Spanish (with accents, which the
// parser and the search fold).
const EN_WORDS = ['infusion', 'clinic', 'patient', 'nurse', 'doctor', 'treatment', 'depression', 'ketamine', 'session',
  'recovery', 'monitoring', 'blood', 'pressure', 'calm', 'quiet', 'room', 'chair', 'driver', 'home', 'rest', 'water',
  'questions', 'answers', 'safety', 'effects', 'feelings', 'dreamlike', 'minutes', 'hours', 'week', 'plan', 'care'];
const ES_WORDS = ['infusión', 'clínica', 'paciente', 'enfermería', 'médico', 'tratamiento', 'depresión', 'ketamina',
  'sesión', 'recuperación', 'control', 'sangre', 'presión', 'calma', 'tranquilo', 'sala', 'sillón', 'conductor',
  'casa', 'descanso', 'agua', 'preguntas', 'respuestas', 'seguridad', 'efectos', 'sensaciones', 'minutos', 'horas',
  'semana', 'plan', 'cuidado', 'acompañante'];

/** A sentence of `n` words from `words`, capitalised, with a full stop. */
function sentence(rand, words, n) {
  const text = Array.from({ length: n }, () => pick(rand, words)).join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

/** Formatted text: two paragraphs with bold and italic, a list and a link. */
function formatted(rand, words, n) {
  const para = () => Array.from({ length: 4 }, () => sentence(rand, words, 8 + Math.floor(rand() * 6))).join(' ');
  return [
    `${para()} **${pick(rand, words)} ${pick(rand, words)}** ${para()}`,
    Array.from({ length: 4 }, () => `- ${sentence(rand, words, 6)}`).join('\n'),
    `${para()} *${pick(rand, words)}*, [${pick(rand, words)}](https://example.org/${n}).`,
  ].join('\n\n');
}

/** A text in English and Spanish. */
const both = (rand, make) => ({ en: make(EN_WORDS), es: make(ES_WORDS) });

/**
 * About `bytes` (1 MiB by default) of valid content: new steps, timeline
 * phases, checklist lines and, mostly, questions with formatted answers in
 * English and Spanish, merged onto the built-in guide by id.
 */
export function largeContent(guide, bytes = 1024 * 1024) {
  const rand = random(1024);
  const categories = guide.faq_categories.map((c) => c.id);
  const doc = { steps: [], timeline: [], checklist: [], faq: [] };
  for (let i = 1; i <= 20; i++) {
    doc.steps.push({
      id: `bench-step-${i}`,
      title: both(rand, (w) => sentence(rand, w, 5)),
      body: both(rand, (w) => formatted(rand, w, i)),
      duration: { en: `about ${i * 5} minutes`, es: `unos ${i * 5} minutos` },
    });
    doc.timeline.push({
      id: `bench-phase-${i}`,
      label: both(rand, (w) => sentence(rand, w, 4)),
      when: { en: `${i} days after`, es: `${i} días después` },
      items: Array.from({ length: 4 }, () => both(rand, (w) => sentence(rand, w, 9))),
    });
    doc.checklist.push({ id: `bench-check-${i}`, text: both(rand, (w) => sentence(rand, w, 7)) });
  }
  const byteLength = (value) => Buffer.byteLength(JSON.stringify(value, null, 2));
  let size = byteLength(doc);
  for (let i = 1; size < bytes; i++) {
    const question = {
      id: `bench-question-${i}`,
      question: both(rand, (w) => sentence(rand, w, 7).replace(/\.$/, '?')),
      answer: both(rand, (w) => formatted(rand, w, i)),
      category: categories[i % categories.length],
    };
    // Each entry adds its own text plus indentation and a comma.
    size += byteLength(question) + 4 * JSON.stringify(question, null, 2).split('\n').length + 2;
    if (size > bytes) break;
    doc.faq.push(question);
  }
  return JSON.stringify(doc, null, 2) + '\n';
}
