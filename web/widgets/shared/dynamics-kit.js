// Shared pieces of the train/eval, NLP and deep-stack widgets (<bn-stepper>, <train-eval-grid>,
// <padding-demo>, <deep-stack>): attribute converters, seeded input data and the controls' look.
// Inputs only: every statistic these widgets show comes from the engine.
import { css } from 'lit';
import { formControls, tableStyle } from './controls-style.js';
import { xorshift } from '../../model/rng.js';
import { parseNumber, isOffWord } from '../../model/parse.js';

/** "2, -1, 0.5" -> [2, -1, 0.5]; anything unreadable is dropped. */
export const csvNumbers = {
  fromAttribute: (text) =>
    String(text ?? '')
      .split(',')
      .map(parseNumber)
      .filter((v) => v !== null),
};

/** "false"/"0"/"no" -> false; absent, "", "true", anything else -> true. */
export const boolAttribute = {
  fromAttribute: (text) => !isOffWord(text),
  toAttribute: (v) => String(Boolean(v)),
};

/** xorshift32 (model/rng.js): a small generator whose stream is the same in every browser. */
export const seededUniform = (seed) => xorshift(seed);

/**
 * n values drawn N(mean[i % mean.length], variance[i % ...]) from `seed`, rounded to `decimals`
 * so they stay readable in a grid. Per-column means and variances make a batch of shape (n / C, C)
 * whose channel c has the distribution (mean[c], variance[c]).
 */
export function gaussianValues(n, seed, { mean = [0], variance = [1], decimals = 2 } = {}) {
  const uniform = seededUniform(seed);
  const scale = 10 ** decimals;
  return Float32Array.from({ length: n }, (_, i) => {
    const u1 = 1 - uniform(); // (0, 1]: log(u1) is finite
    const u2 = uniform();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const c = i % mean.length;
    const v = mean[c] + Math.sqrt(variance[c % variance.length]) * z;
    return Math.round(v * scale) / scale;
  });
}

/**
 * A tensor of `rows` x `cols` that keeps the old tensor's values where they fit (same row and
 * column) and takes `fill`'s elsewhere, so resizing never throws away what the learner typed.
 */
export function resizeRows(old, oldCols, rows, cols, fill) {
  const out = Float32Array.from(fill.subarray(0, rows * cols));
  if (!old || !oldCols) return out;
  const oldRows = Math.floor(old.length / oldCols);
  for (let r = 0; r < Math.min(rows, oldRows); r++)
    for (let c = 0; c < Math.min(cols, oldCols); c++) out[r * cols + c] = old[r * oldCols + c];
  return out;
}

/** The controls' look (formControls), laid out in rows of fields, with their tables and charts. */
export const controlStyle = [
  formControls,
  tableStyle,
  css`
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: flex-end;
      margin: 0.5em 0;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.15em;
      font-size: 0.9em;
    }
    .field.inline {
      flex-direction: row;
      align-items: center;
      gap: 0.35em;
    }
    input[type='checkbox'],
    input[type='radio'] {
      margin: 0;
    }
    input:not([type]),
    input[type='text'] {
      width: 6em;
    }
    fieldset {
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      margin: 0;
      padding: 0.3em 0.6em 0.5em;
    }
    legend {
      font-size: 0.9em;
      padding: 0 0.3em;
    }
    .error {
      color: var(--nl-error, #b3261e);
      font-size: 0.9em;
      margin: 0.25em 0;
    }
    .muted {
      color: var(--nl-muted, #5b6472);
    }
    .caption {
      margin: 0.8em 0 0.3em;
      font-size: 0.95em;
      font-weight: 600;
    }
    .scroll {
      max-width: 100%;
      overflow-x: auto;
    }
    table {
      font-size: 0.9em;
    }
    th,
    td {
      white-space: nowrap;
    }
    svg {
      display: block;
      max-width: 100%;
      height: auto;
      overflow: visible;
    }
    svg text {
      fill: var(--nl-fg, #1d2330);
      font-size: 11px;
    }
  `,
];
