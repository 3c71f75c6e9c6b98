// Two languages, Simplified Chinese and English. Text lives next to the code that shows it as
// {zh, en} pairs; this module only picks one and remembers the reader's choice.
export const LANGUAGES = ['zh', 'en'];
const STORAGE_KEY = 'normlab.lang';

/** The remembered choice, else the browser's preferred language, else English. */
export function initialLanguage(
  storage = globalThis.localStorage,
  languages = navigator.languages,
) {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // storage can be blocked (privacy mode, sandboxed iframes): fall through to the browser
  }
  for (const l of languages ?? []) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function rememberLanguage(lang, storage = globalThis.localStorage) {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
}

/** Picks the text for `lang` from a {zh, en} pair (plain strings pass through). */
export function t(lang, text) {
  if (text == null || typeof text !== 'object' || !('en' in text)) return text;
  return text[lang] ?? text.en;
}

/** Numbers as the page prints them: short, stable, with a true minus sign. */
export function formatNumber(value, digits = 4) {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const text =
    abs >= 1e5 || abs < 1e-3 ? value.toExponential(digits - 1) : String(+value.toPrecision(digits));
  return text.replace('-', '−');
}

/** The shortest decimal that reads back as the same float32 (1.7, not 1.7000000476837158). */
export { shortFloat32 as formatFloat32 } from './model/parse.js';
