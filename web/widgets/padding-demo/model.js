// <padding-demo>'s DOM-free pieces: padding the sentences into (B, T, H), and BatchNorm's and
// LayerNorm's statistics with and without the padding (outputs from the modules, means and
// variances from the engine's per-group moments over each module's plan).
import { groupMoments } from '../../engine/group-stats.js';

export const MAX_T = 12;

/**
 * (B, T, H) with each sentence's tokens in place and zeros after it; `real` lists the rows
 * (b * T + p) that hold a token.
 * @param {Float32Array} values the real tokens, (sum of lengths, H)
 * @param {number[]} lengths @param {number} H @param {number} T
 */
export function padBatch(values, lengths, H, T) {
  const x = new Float32Array(lengths.length * T * H);
  const real = [];
  let token = 0;
  lengths.forEach((len, b) => {
    for (let p = 0; p < Math.min(len, T); p++) {
      const row = b * T + p;
      x.set(values.subarray(token * H, (token + 1) * H), row * H);
      real.push(row);
      token += 1;
    }
  });
  return { x, real };
}

/** A fresh module's training output on `input`, with its per-group mean and biased variance. */
function moduleStats(engine, options, input, shape) {
  const mod = engine.norm(options);
  try {
    const { output } = mod.forward(input, shape, { training: true });
    const plan = mod.plan(shape);
    const m = groupMoments(engine, input, plan.group, { groups: plan.statCount });
    return { output, mean: m.mean, variance: m.variance };
  } finally {
    mod.delete();
  }
}

/**
 * BatchNorm1d(H) over every position and LayerNorm(H) per token, on the padded batch and on the
 * real tokens alone; each with the real tokens' outputs (and LayerNorm's per-token statistics).
 */
export function compareNorms(engine, values, lengths, H, T) {
  const n = lengths.reduce((a, b) => a + b, 0);
  const B = lengths.length;
  const { x, real } = padBatch(values, lengths, H, T);
  const bn = { op: 'batch_norm', dims: 1, num_features: H };
  const ln = { op: 'layer_norm', normalized_shape: [H] };
  const pick = (output) => {
    const out = new Float32Array(n * H);
    real.forEach((row, i) => out.set(output.subarray(row * H, (row + 1) * H), i * H));
    return out;
  };
  const bnPad = moduleStats(engine, bn, x, [B * T, H]);
  const bnPacked = moduleStats(engine, bn, values, [n, H]);
  const lnPad = moduleStats(engine, ln, x, [B, T, H]);
  const lnPacked = moduleStats(engine, ln, values, [n, H]);
  return {
    real,
    bnPad: { ...bnPad, realOutput: pick(bnPad.output) },
    bnPacked: { ...bnPacked, realOutput: bnPacked.output },
    lnPad: {
      ...lnPad,
      realOutput: pick(lnPad.output),
      realMean: real.map((row) => lnPad.mean[row]),
      realVar: real.map((row) => lnPad.variance[row]),
    },
    lnPacked: {
      ...lnPacked,
      realOutput: lnPacked.output,
      realMean: Array.from(lnPacked.mean),
      realVar: lnPacked.variance,
    },
  };
}

/** Each real token's sentence and word (from `words`, one list per sentence, reused in turn). */
export function tokenNames(lengths, words) {
  return lengths.flatMap((len, b) =>
    Array.from({ length: len }, (_, p) => ({ b, word: words[b % words.length][p] ?? `w${p}` })),
  );
}
