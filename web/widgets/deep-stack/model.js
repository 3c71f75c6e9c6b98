// <deep-stack>'s settings and its three runs: the same weights and input through the stack with no
// norm, with BatchNorm and with LayerNorm after each layer (the engine's DeepStackRunner).

export const NORMS = ['none', 'batch_norm', 'layer_norm'];
export const ACTIVATIONS = ['linear', 'tanh', 'relu'];
export const WIDTHS = [8, 16, 32, 64];
export const RANGES = [1, 3, 10];
export const LIMITS = { depth: [1, 60], gain: [0, 4], batch: [1, 64] };
export const BINS = 30;
/** Each norm's colour class in the charts and legends. */
export const NORM_CLASS = { none: 'line-none', batch_norm: 'line-bn', layer_norm: 'line-ln' };

/**
 * `v` within [lo, hi]; `fallback` when it is not a finite number.
 * @param {number} v @param {number[]} range [lo, hi] @param {number} fallback
 */
export const clampTo = (v, [lo, hi], fallback) =>
  Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;

/**
 * All three norms on the same weights and input, for the std chart to compare: {runs, errors}
 * keyed by norm (a norm the engine refused has a message instead of a run).
 * @param {{run: (values: Float32Array, options: object) => any}} runner
 * @param {{depth: number, width: number, gain: number, seed: number, activation: string,
 *   range: number}} settings
 */
export function runAllNorms(runner, settings, values, batch) {
  const runs = {};
  const errors = {};
  const { depth, width, gain, seed, activation, range } = settings;
  for (const norm of NORMS) {
    const options = { batch, depth, width, gain, seed, norm, activation, bins: BINS, range };
    try {
      runs[norm] = runner.run(values, options);
    } catch (err) {
      errors[norm] = err.message;
    }
  }
  return { runs, errors };
}
