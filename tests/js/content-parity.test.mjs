// The Chinese and the English text say the same things: every number and every formula that one
// language writes appears in the other (so a fact fixed in one language cannot stay wrong in the
// other). Checked on the rendered prose of every chapter and on every { zh, en } text pair of the
// web sources (widget labels, notices, hints).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHAPTERS } from '../../web/chapters/index.js';

/** The text a Lit template result renders, tags and bound properties left out. */
function templateText(value) {
  if (value == null || typeof value === 'boolean' || typeof value === 'function') return '';
  if (Array.isArray(value)) return value.map(templateText).join(' ');
  if (typeof value !== 'object') return String(value);
  if (!value.strings || !value.values) return '';
  let text = '';
  value.strings.forEach((part, i) => {
    text += part;
    // `.prop=${…}`, `@event=${…}` and `?attr=${…}` bind data, not text
    if (i < value.values.length && !/[.?@][\w-]+=$/.test(part.trimEnd()))
      text += templateText(value.values[i]);
  });
  return text;
}

const plain = (html) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');

// Chinese counts in 万 (1e4) and 亿 (1e8), English in thousand, million, billion (K, M, B)
const SCALE = {
  万: 1e4,
  亿: 1e8,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  K: 1e3,
  M: 1e6,
  B: 1e9,
};
const NUMBER =
  /(\d+(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)(?:\s*(万|亿)|-?\s?(thousand|million|billion)\b|(K|M|B)\b)?/g;

/** Every number in a text, as a canonical string ("70亿", "7-billion" and "7B" all give "7000000000"). */
export function numbersOf(text) {
  const found = new Set();
  for (const m of text.matchAll(NUMBER)) {
    const digits = m[1].replace(/,/g, '');
    const unit = m[2] ?? m[3] ?? m[4];
    found.add(unit ? String(Math.round(Number(digits) * SCALE[unit])) : digits);
  }
  return found;
}

// (× is left out: Chinese often writes 倍 or 乘 where English writes ×)
const FORMULA_SIGNS = /[γβεμσΣ√²·∘θλ∇]|E\[|Var\[|[A-Za-z]+Norm[\w]*\([^)]*\)/g;
/** The formula signs and module calls of a text ("√(Var[x] + ε)" gives √ Var[ ε). */
const formulasOf = (text) => new Set(text.match(FORMULA_SIGNS) ?? []);

/** What one language says and the other does not: [] when they carry the same facts. */
function factsInOneLanguage(zh, en, where) {
  const found = [];
  for (const [what, of] of [
    ['numbers', numbersOf],
    ['formula signs and module calls', formulasOf],
  ]) {
    const a = of(zh);
    const b = of(en);
    const onlyZh = [...a].filter((x) => !b.has(x));
    const onlyEn = [...b].filter((x) => !a.has(x));
    if (onlyZh.length || onlyEn.length)
      found.push(
        `${where}: ${what} only in zh ${JSON.stringify(onlyZh)}, only in en ${JSON.stringify(onlyEn)}`,
      );
  }
  return found;
}

function assertSameFacts(zh, en, where) {
  assert.deepEqual(factsInOneLanguage(zh, en, where), []);
}

test('the parity check itself: units, thousands separators, and a mismatch fails', () => {
  assert.deepEqual([...numbersOf('70亿 参数, 1.3亿')], ['7000000000', '130000000']);
  assert.deepEqual(
    [...numbersOf('a 7-billion model, 130,000,000 or 1.3M')],
    ['7000000000', '130000000', '1300000'],
  );
  assert.deepEqual([...numbersOf('shape (2, 3, 4), 1e-5')], ['2', '3', '4', '1', '5']);
  assert.throws(() => assertSameFacts('例如 1.3亿', 'e.g. 1.3M', 'sample'), /1300000/);
  assert.throws(() => assertSameFacts('γ = √Var[x]', 'γ = √(Var[x] + ε)', 'sample'), /ε/);
  assertSameFacts('LayerNorm(4) 计算 6 次', 'LayerNorm(4) computes 6', 'sample');
});

for (const chapter of CHAPTERS) {
  test(`chapter ${chapter.id}: the zh and en prose carry the same numbers and formulas`, () => {
    const zh = plain(templateText(chapter.render({ lang: 'zh' })));
    const en = plain(templateText(chapter.render({ lang: 'en' })));
    assert.ok(zh.length > 200 && en.length > 200, 'both languages render prose');
    assert.deepEqual(
      [
        ...factsInOneLanguage(zh, en, chapter.id),
        ...factsInOneLanguage(chapter.title.zh, chapter.title.en, `${chapter.id} title`),
      ],
      [],
    );
  });
}

// `zh: '…', en: '…'` and `zh: (n) => `…`, en: (n) => `…`` pairs in the sources
const PAIR =
  /\bzh:\s*(?:\([^)]*\)\s*=>\s*|\w+\s*=>\s*)?(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*,\s*en:\s*(?:\([^)]*\)\s*=>\s*|\w+\s*=>\s*)?(['"`])((?:\\.|(?!\3)[^\\])*)\3/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );
}

test('every { zh, en } text pair in web/ carries the same numbers and formulas', () => {
  const root = new URL('../../web/', import.meta.url).pathname;
  let pairs = 0;
  const found = [];
  for (const file of sourceFiles(root)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(PAIR)) {
      // ${…} placeholders are filled with the same values in both languages
      const [zh, en] = [m[2], m[4]].map((s) => plain(s.replace(/\$\{[^}]*\}/g, ' ')));
      const line = source.slice(0, m.index).split('\n').length;
      found.push(...factsInOneLanguage(zh, en, `${file.slice(root.length)}:${line}`));
      pairs += 1;
    }
  }
  assert.ok(pairs > 300, `found ${pairs} text pairs`);
  assert.deepEqual(found, []);
});
