// <bn-batch-rule>'s DOM-free part: the input shapes it builds and the engine runs on them.
import { seededValues } from '../../model/rng.js';
import { groupMoments } from '../../engine/group-stats.js';
import { numel } from '../../model/shape.js';

export const LIMITS = { n: 64, h: 16, w: 16, samples: 100000, batchSize: 256 };

export const shapeOf = ({ layout, n, h, w }) => (layout === '1d' ? [n, 3] : [n, 3, h, w]);
const optionsOf = (layout) => ({
  op: 'batch_norm',
  dims: layout === '1d' ? 1 : 2,
  num_features: 3,
});

/**
 * One batch of `shape` through a fresh BatchNorm in training and in eval mode:
 * {perChannel (counted by the engine's plan), train: {output} | {error}, evalError}.
 */
export function runBatch(engine, layout, shape) {
  const options = optionsOf(layout);
  const x = seededValues(numel(shape), 11 + numel(shape));
  const bn = engine.norm(options);
  try {
    // the plan holds in every mode (it is the training check that refuses one value per channel)
    const plan = bn.plan(shape);
    const perChannel = groupMoments(engine, x, plan.group, { groups: plan.statCount }).count[0];
    let train;
    try {
      train = { output: bn.forward(x, shape, { training: true }).output };
    } catch (err) {
      train = { error: err.message };
    }
    let evalError = '';
    try {
      bn.forward(x, shape, { training: false });
    } catch (err) {
      evalError = err.message;
    }
    return { perChannel, train, evalError };
  } finally {
    bn.delete();
  }
}

/**
 * The loader's batches: {full, last (0 when none), fullRun, lastRun}: runBatch of a full batch
 * (null when there is none) and of the last one (null when there is none or it is dropped).
 */
export function loaderBatches(engine, state) {
  const { samples, batchSize, dropLast } = state;
  const full = Math.floor(samples / batchSize);
  const last = samples % batchSize;
  const run = (n) => runBatch(engine, state.layout, shapeOf({ ...state, n }));
  return {
    full,
    last,
    fullRun: full ? run(batchSize) : null,
    lastRun: last && !dropLast ? run(last) : null,
  };
}

/** The output's values of channel c, for an (N, 3, ...) output. */
export function channelValues(output, shape, c) {
  const inner = numel(shape.slice(2));
  const out = [];
  for (let i = 0; i < shape[0]; i++)
    for (let k = 0; k < inner; k++) out.push(output[(i * 3 + c) * inner + k]);
  return out;
}
