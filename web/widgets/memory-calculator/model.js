// <memory-calculator>'s DOM-free pieces: the precisions the engine counts, the presets, the
// parameter-count parser ("7B", "1.3亿") and how bytes are written.
import { formatNumber } from '../../i18n.js';

export const PRECISIONS = ['fp32', 'fp16-mixed', 'bf16-mixed'];
/** The largest count the field takes (a link or attribute beyond it is refused). */
export const MAX_PARAMS = 1e14;

const SUFFIX = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, 万: 1e4, 亿: 1e8 };

/** "7B", "7e9", "125 M", "1,300,000", "1.3亿" -> a whole number of parameters; null otherwise. */
export function parseParamCount(text) {
  const s = String(text ?? '')
    .trim()
    .replace(/[,_\s]/g, '')
    .toLowerCase();
  const m = /^(\d+\.?\d*|\.\d+)(e\+?\d+)?([kmbgt万亿])?$/.exec(s);
  if (!m) return null;
  const v = Number(m[1] + (m[2] ?? '')) * (m[3] ? SUFFIX[m[3]] : 1);
  // 1.3e9 is 1299999999.9999998 in binary: a count within rounding of a whole number is one
  const whole = Math.round(v);
  if (!Number.isFinite(v) || whole < 1 || Math.abs(v - whole) > 1e-6 * Math.max(1, v)) return null;
  return whole;
}

/**
 * The buttons of common model sizes: [name, parameters].
 * @type {[string, number][]}
 */
export const PRESETS = [
  ['BERT-base', 110e6],
  ['GPT-2', 124e6],
  ['1.3B', 1.3e9],
  ['7B', 7e9],
  ['70B', 70e9],
];

/** Bytes in the largest decimal unit they reach: "28 GB". */
export function formatBytes(bytes) {
  /** @type {[number, string][]} */
  const units = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ];
  for (const [size, unit] of units)
    if (bytes >= size) return `${formatNumber(bytes / size)} ${unit}`;
  return `${bytes} B`;
}
