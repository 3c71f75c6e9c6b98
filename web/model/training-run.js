// A training run: an experiment config (network, norm, batch size, optimizer, seed, steps, eval
// interval) run step by step on the training module (scripts/lib/train-engine.mjs's TrainEngine),
// as a generator of records, so a caller can drive it from a worker, in time slices on the main
// thread, or straight through in node. No DOM, no timers: the caller decides when to pull.
//
// Data sets share one layout (see web/data/digits.js and sequences.js): {inputs: Float32Array,
// targets: Int32Array (class index, or IGNORE for a padding row), count (samples), rowShape (one
// row's shape, e.g. [1, 8, 8] or [16]), rowsPerSample (1 for an image, L for a padded sequence),
// classes}. A batch of B samples is the network input (B * rowsPerSample, ...rowShape) with its
// B * rowsPerSample targets: a padded sequence is L rows of tokens, so a BatchNorm over the rows
// averages over batch x time, padding included, as BatchNorm1d does on padded NLP batches.

import { OPTIMIZERS } from './optimizers.js';
import { mulberry32 } from './rng.js';
import { numel } from './shape.js';

export const IGNORE = -100; // F.cross_entropy's ignore_index: padding rows add no loss, no accuracy

export class TrainingConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TrainingConfigError';
  }
}

export const DATA_SETS = ['digits', 'sequences'];
export const NORMS = ['none', 'batch', 'layer', 'instance', 'group'];
export const NETWORKS = ['cnn8x8', 'mlp', 'token-mlp'];
export const TRAINING_OPTIMIZERS = ['sgd', 'adam', 'adamw'];

export const DEFAULT_CONFIG = Object.freeze({
  data: 'digits',
  network: 'cnn8x8',
  norm: 'batch',
  groups: 4, // GroupNorm's num_groups
  bnMomentum: 0.1, // BatchNorm's momentum (null: cumulative average)
  hidden: 64, // the MLPs' width
  batchSize: 32,
  // torch.optim kwargs (lr: torch's default where it has one); Adam + L2 is {op: 'adam',
  // weight_decay}, AdamW {op: 'adamw', weight_decay}
  optimizer: Object.freeze({ op: 'adam' }),
  seed: 0, // the network's init and the batch order
  steps: 500,
  evalEvery: 50, // held-out accuracy every this many steps (and at 0 and the end)
  evalTrainSet: false, // also the training set's accuracy in eval mode at each eval
});

/** A seeded generator of floats in [0, 1) (mulberry32); the same seed gives the same stream. */
export const makeRng = mulberry32;

export function shuffleInPlace(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

const whole = (v, name, lo, hi) => {
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new TrainingConfigError(`${name} must be a whole number from ${lo} to ${hi}, got ${v}`);
  return v;
};

/** The config with defaults filled in and every field checked; throws TrainingConfigError. */
export function checkConfig(config) {
  const c = { ...DEFAULT_CONFIG, ...config };
  c.optimizer = { ...(config?.optimizer ?? DEFAULT_CONFIG.optimizer) };
  if (!DATA_SETS.includes(c.data))
    throw new TrainingConfigError(`unknown data set ${c.data} (one of ${DATA_SETS.join(', ')})`);
  if (!NETWORKS.includes(c.network))
    throw new TrainingConfigError(`unknown network ${c.network} (one of ${NETWORKS.join(', ')})`);
  if (!NORMS.includes(c.norm))
    throw new TrainingConfigError(`unknown norm ${c.norm} (one of ${NORMS.join(', ')})`);
  whole(c.batchSize, 'the batch size', 1, 1024);
  whole(c.steps, 'steps', 1, 1_000_000);
  whole(c.evalEvery, 'the eval interval', 1, 1_000_000);
  whole(c.seed, 'the seed', 0, 2 ** 32 - 1);
  whole(c.groups, 'groups', 1, 1024);
  whole(c.hidden, 'the width', 1, 4096);
  if (c.bnMomentum !== null && !(c.bnMomentum >= 0 && c.bnMomentum <= 1))
    throw new TrainingConfigError(`BatchNorm's momentum must be from 0 to 1, got ${c.bnMomentum}`);
  const o = c.optimizer;
  if (!TRAINING_OPTIMIZERS.includes(o.op))
    throw new TrainingConfigError(
      `unknown optimizer ${o.op} (one of ${TRAINING_OPTIMIZERS.join(', ')})`,
    );
  // torch.optim's default learning rate where it has one (Adam, AdamW: the catalog's)
  if (o.lr === undefined) o.lr = OPTIMIZERS[o.op].defaults.lr;
  if (!(Number.isFinite(o.lr) && o.lr > 0 && o.lr <= 10))
    throw new TrainingConfigError(
      `the learning rate must be a number above 0 and at most 10, got ${o.lr}`,
    );
  return c;
}

/** torch.nn layer specs of one norm over `channels` (and the rest of a row's shape). */
function normLayers(c, channels, spatial) {
  const image = spatial.length > 0;
  switch (c.norm) {
    case 'none':
      return [];
    case 'batch':
      return [
        { type: 'batch_norm', dims: image ? 2 : 1, num_features: channels, momentum: c.bnMomentum },
      ];
    case 'layer':
      return [{ type: 'layer_norm', normalized_shape: [channels, ...spatial] }];
    case 'instance':
      if (!image) throw new TrainingConfigError('InstanceNorm needs images (the cnn8x8 network)');
      return [{ type: 'instance_norm', num_features: channels, affine: true }];
    case 'group':
      if (channels % c.groups !== 0)
        throw new TrainingConfigError(
          `${channels} channels cannot be split into ${c.groups} groups`,
        );
      return [{ type: 'group_norm', num_groups: c.groups, num_channels: channels }];
  }
}

/** The network's layer specs for rows of `rowShape` and `classes` outputs. */
export function networkLayers(config, rowShape, classes) {
  const c = checkConfig(config);
  if (c.network === 'cnn8x8') {
    const [inC, h, w] = rowShape;
    if (rowShape.length !== 3 || h % 2 || w % 2)
      throw new TrainingConfigError(
        `cnn8x8 needs (C, H, W) images with even H, W, got ${rowShape}`,
      );
    return [
      { type: 'conv2d', in_channels: inC, out_channels: 16, kernel_size: 3, padding: 1 },
      ...normLayers(c, 16, [h, w]),
      { type: 'relu' },
      { type: 'conv2d', in_channels: 16, out_channels: 32, kernel_size: 3, padding: 1 },
      ...normLayers(c, 32, [h, w]),
      { type: 'relu' },
      { type: 'avg_pool2d', kernel_size: 2 },
      { type: 'flatten' },
      { type: 'linear', in_features: (32 * h * w) / 4, out_features: classes },
    ];
  }
  const features = numel(rowShape);
  const head = c.network === 'mlp' && rowShape.length > 1 ? [{ type: 'flatten' }] : [];
  const hidden = (inF) => [
    { type: 'linear', in_features: inF, out_features: c.hidden },
    ...normLayers(c, c.hidden, []),
    { type: 'relu' },
  ];
  return [
    ...head,
    ...hidden(features),
    ...hidden(c.hidden),
    { type: 'linear', in_features: c.hidden, out_features: classes },
  ];
}

/** The batch of samples `indices` as {input: {shape, data}, target: {shape, data}}. */
export function gatherBatch(set, indices) {
  const rows = set.rowsPerSample;
  const rowSize = numel(set.rowShape);
  const sampleSize = rows * rowSize;
  const input = new Float32Array(indices.length * sampleSize);
  const target = new Float64Array(indices.length * rows);
  indices.forEach((s, k) => {
    input.set(set.inputs.subarray(s * sampleSize, (s + 1) * sampleSize), k * sampleSize);
    for (let r = 0; r < rows; r++) target[k * rows + r] = set.targets[s * rows + r];
  });
  return {
    input: { shape: [indices.length * rows, ...set.rowShape], data: input },
    target: { shape: [indices.length * rows], data: target },
  };
}

/** Correct predictions and counted rows (padding rows are not counted) of logits (rows, C). */
export function countCorrect(logits, classes, target) {
  let correct = 0;
  let counted = 0;
  for (let r = 0; r < target.length; r++) {
    if (target[r] === IGNORE) continue;
    let best = 0;
    for (let k = 1; k < classes; k++)
      if (logits[r * classes + k] > logits[r * classes + best]) best = k;
    counted++;
    if (best === target[r]) correct++;
  }
  return { correct, counted };
}

/**
 * Yielded between two chunks of an eval, so that a caller running slices can give the event loop
 * back in the middle of one (an eval of the 360 held-out digits costs about four train steps).
 * trainingRun() never yields it; trainingRunWithTicks() does.
 */
export const TICK = Object.freeze({ tick: true });

/** {accuracy, loss} of `set` in eval mode, in chunks of `chunk` samples, yielding TICK between. */
export function* evaluateInChunks(net, set, { chunk = 64 } = {}) {
  let correct = 0;
  let counted = 0;
  let lossSum = 0;
  for (let from = 0; from < set.count; from += chunk) {
    if (from > 0) yield TICK;
    const idx = [];
    for (let s = from; s < Math.min(set.count, from + chunk); s++) idx.push(s);
    const b = gatherBatch(set, idx);
    const r = net.step(b.input, b.target, { training: false });
    const k = countCorrect(r.output, set.classes, b.target.data);
    correct += k.correct;
    counted += k.counted;
    lossSum += r.loss * k.counted; // mean over counted rows
  }
  return { accuracy: counted ? correct / counted : NaN, loss: counted ? lossSum / counted : NaN };
}

/** evaluateInChunks straight through. */
export function evaluate(net, set, options) {
  const it = evaluateInChunks(net, set, options);
  for (;;) {
    const { value, done } = it.next();
    if (done) return value;
  }
}

/** sqrt of the sum of squares of every weight (conv and linear weights; not biases or norms). */
export function weightNorm(net, layers) {
  const params = net.parameters();
  let sum = 0;
  layers.forEach((l, i) => {
    if (l.type !== 'conv2d' && l.type !== 'linear') return;
    for (const v of params[`${i}.weight`]) sum += v * v;
  });
  return Math.sqrt(sum);
}

/**
 * Runs `config` on `data` ({train, heldOut}) with `engine` (a TrainEngine), yielding one record per
 * step: {step, loss, trainAccuracy (of this batch, in train mode, before the update)}, and at step
 * 0, every evalEvery steps and the last step also {eval: {heldOut: {accuracy, loss}, train?,
 * weightNorm}}. The network is deleted when the generator ends, is returned or throws.
 */
export function* trainingRun(engine, data, config) {
  for (const r of trainingRunWithTicks(engine, data, config)) if (r !== TICK) yield r;
}

/** trainingRun with TICK yielded between the chunks of each eval (for time slices). */
export function* trainingRunWithTicks(engine, data, config) {
  const c = checkConfig(config);
  const train = data.train;
  const layers = networkLayers(c, train.rowShape, train.classes);
  const net = engine.sequential({
    layers,
    loss: { type: 'cross_entropy', ignore_index: IGNORE },
    optimizer: c.optimizer,
    seed: c.seed,
  });
  try {
    const random = makeRng(c.seed ^ 0x5eed);
    const order = Array.from({ length: train.count }, (_, i) => i);
    let cursor = train.count; // a fresh shuffle at the first step: epochs as a DataLoader's
    function* evalRecord() {
      const heldOut = yield* evaluateInChunks(net, data.heldOut);
      const out = { heldOut };
      if (c.evalTrainSet) {
        yield TICK;
        out.train = yield* evaluateInChunks(net, train);
      }
      out.weightNorm = weightNorm(net, layers);
      return out;
    }
    yield { step: 0, eval: yield* evalRecord() };
    const batch = Math.min(c.batchSize, train.count);
    for (let step = 1; step <= c.steps; step++) {
      // drop_last: every batch has batchSize samples
      if (cursor + batch > train.count) {
        shuffleInPlace(order, random);
        cursor = 0;
      }
      const b = gatherBatch(train, order.slice(cursor, cursor + batch));
      cursor += batch;
      const r = net.step(b.input, b.target, { training: true });
      const k = countCorrect(r.output, train.classes, b.target.data);
      const record = { step, loss: r.loss, trainAccuracy: k.counted ? k.correct / k.counted : NaN };
      if (step % c.evalEvery === 0 || step === c.steps) {
        yield TICK;
        record.eval = yield* evalRecord();
      }
      yield record;
    }
  } finally {
    net.delete();
  }
}

/**
 * Pulls from `run` until `budgetMs` have passed (by `now`, ms), `limit` records came or it ends:
 * {records, done}. TICKs count for the time, not as records. At least one pull per call, so a slow
 * step still makes progress.
 */
export function runSlice(run, budgetMs, now = () => performance.now(), limit = Infinity) {
  const start = now();
  const records = [];
  for (;;) {
    const { value, done } = run.next();
    if (done) return { records, done: true };
    if (value !== TICK) records.push(value);
    if (records.length >= limit || now() - start >= budgetMs) return { records, done: false };
  }
}

/** Every record of a run, straight through (node, tests). */
export function runToEnd(run) {
  return [...run];
}
