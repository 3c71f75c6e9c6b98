// A seeded synthetic sequence-tagging task with padding, for "BatchNorm vs LayerNorm on padded
// sequences". No DOM.
//
// Each sequence is `length` tokens (length uniform in [minLength, maxLength]), padded with zero
// rows up to maxLength, as an NLP batch is padded to a common length. A token is a random Gaussian
// vector of `embedding` features; its row holds the token and the one before it (zeros before the
// first), and its class is which of `classes` equal-probability bins the value a . token + b .
// previous falls in (a, b fixed random directions of the seed): the class depends on that value's
// size, not only its sign, so whatever rescales a row changes its class. Padding rows are all
// zeros and have the target IGNORE, so they add nothing to the loss or the accuracy, but a
// BatchNorm over the rows averages over batch x time, padding included, as BatchNorm1d over a
// padded (N * L, C) batch does: with a fraction p of padding, a feature's batch variance is about
// (1 - p) times the real tokens' (plus the gap between their mean and the padding row's), and p
// changes from batch to batch with the batch's lengths, so the same token is scaled differently
// in every batch. LayerNorm normalizes each row on its own and never sees the padding.
import { IGNORE, makeRng } from '../model/training-run.js';

export const DEFAULT_SEQUENCES = Object.freeze({
  embedding: 8, // features per token: a row is 2 * embedding features
  classes: 4,
  minLength: 1,
  maxLength: 32,
  trainCount: 1000,
  heldOutCount: 300,
  seed: 0,
});

function gaussian(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

// Quantiles of the standard normal that split it into `classes` equal bins (2, 3, 4 or 5).
const NORMAL_BINS = {
  2: [0],
  3: [-0.4307, 0.4307],
  4: [-0.6745, 0, 0.6745],
  5: [-0.8416, -0.2533, 0.2533, 0.8416],
};

/** {train, heldOut}: training-run data sets (rowShape [2 * embedding], rowsPerSample maxLength). */
export function makeSequenceTask(options = {}) {
  const o = { ...DEFAULT_SEQUENCES, ...options };
  const cuts = NORMAL_BINS[o.classes];
  if (!cuts) throw new Error(`the sequence task has 2 to 5 classes, not ${o.classes}`);
  const random = makeRng(o.seed ^ 0x5e9);
  const d = o.embedding;
  const direction = Float64Array.from({ length: 2 * d }, () => gaussian(random));
  const scale = Math.hypot(...direction); // the value a . token + b . previous is N(0, scale^2)
  const make = (count) => {
    const rowSize = 2 * d;
    const inputs = new Float32Array(count * o.maxLength * rowSize); // padding rows stay zero
    const targets = new Int32Array(count * o.maxLength).fill(IGNORE);
    const lengths = new Int32Array(count);
    for (let s = 0; s < count; s++) {
      const length = o.minLength + Math.floor(random() * (o.maxLength - o.minLength + 1));
      lengths[s] = length;
      let previous = new Float32Array(d);
      for (let t = 0; t < length; t++) {
        const token = Float32Array.from({ length: d }, () => gaussian(random));
        const row = (s * o.maxLength + t) * rowSize;
        inputs.set(token, row);
        inputs.set(previous, row + d);
        let value = 0;
        for (let i = 0; i < rowSize; i++) value += direction[i] * inputs[row + i];
        // the first token's previous is zeros: its value has a smaller spread, same bins
        targets[s * o.maxLength + t] = cuts.filter((c) => value / scale > c).length;
        previous = token;
      }
    }
    return {
      inputs,
      targets,
      lengths,
      count,
      rowShape: [rowSize],
      rowsPerSample: o.maxLength,
      classes: o.classes,
    };
  };
  return { train: make(o.trainCount), heldOut: make(o.heldOutCount), options: o };
}
