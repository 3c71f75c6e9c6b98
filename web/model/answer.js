// What a learner types as the answer to a self-check question, read as numbers: a count ("3,072"),
// a shape ("(3, 4)", "torch.Size([3, 4])") or a number; and the seeded stream the questions are
// drawn from, so a question can be replayed from its seed.
import { xorshift, randomSource } from './rng.js';

/** "(4,)", "[3, 4]", "3 x 4", "torch.Size([3, 4])", "12" -> numbers; null when unreadable. */
export function parseAnswer(text) {
  const s = String(text)
    .replace(/torch\.Size/g, '')
    .replace(/[()[\]\s]/g, ' ')
    .trim();
  if (!s) return null;
  const parts = s.split(/[ ,，x×*]+/).filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}

// a whole number written with thousands separators: "3,072", "3 072", "3，072", "12_288" (one
// separator throughout, groups of three digits)
const GROUPED = /^([+\-−]?\d{1,3})([,，_\s])\d{3}(?:\2\d{3})*(\.\d+)?$/;

/** "3,072", "3 072", "3，072" -> the number without its separators; anything else unchanged. */
export function withoutThousandsSeparators(text) {
  const s = String(text).trim();
  const m = GROUPED.exec(s);
  return m ? s.split(m[2]).join('') : s;
}

/** A count as the learner may write it: "12", "3,072", "3 072", "3，072", "(12,)"; else null. */
export function parseCount(text) {
  const s = withoutThousandsSeparators(text);
  if (/^\d+$/.test(s)) return [Number(s)];
  const got = parseAnswer(s);
  return got && got.length === 1 ? got : null;
}

/**
 * The questions' seeded generator, {next, int, pick}: xorshift32 with a zero seed standing for 1.
 * @param {number} seed
 */
export const makeRandom = (seed) => randomSource(xorshift(seed, 1));
