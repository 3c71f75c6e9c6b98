// <bn-momentum-convert>'s DOM-free part: the batches it feeds, and the running means our BN kernel
// keeps under a PyTorch momentum.
import { xorshift } from '../../model/rng.js';

export const STEPS = 50;
export const BATCH = 4;
/** The data's true mean and variance: every batch is BATCH values drawn N(TRUE_MEAN, 1). */
export const TRUE_MEAN = 2;

/** STEPS batches of shape (BATCH, 1), the same for every momentum (seeded, Box–Muller). */
export function momentumBatches(seed = 5) {
  const uniform = xorshift(seed);
  return Array.from({ length: STEPS }, () =>
    Float32Array.from({ length: BATCH }, () => {
      const u1 = 1 - uniform();
      const u2 = uniform();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return Math.round((TRUE_MEAN + z) * 100) / 100;
    }),
  );
}

/** running_mean after each step of a fresh BatchNorm1d(1, momentum) on `batches`, from the engine. */
export function runningMeans(engine, momentum, batches) {
  const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 1, momentum });
  try {
    return batches.map((x) => {
      bn.forward(x, [x.length, 1], { training: true });
      return bn.buffers().running_mean[0];
    });
  } finally {
    bn.delete();
  }
}
