// The deep-stack demo of the "why normalize" chapter (DeepStackHandle in cpp/bindings/): a batch
// through `depth` random linear layers, with or without a norm after each, summarised per layer.
import { NormLabError } from './engine.js';
import { withBuffers } from './heap-scope.js';

/**
 * One C++ handle that keeps the drawn weights between runs, so that changing the norm, the gain,
 * the activation or the input does not draw them again. delete() it when done.
 */
export class DeepStackRunner {
  constructor(engine) {
    this.engine = engine;
    this.handle = new engine.wasm.DeepStackHandle();
  }

  /**
   * Runs x (batch × width values, row-major) through the stack described by `options`
   * ({batch, depth, width, gain, seed, norm: 'none'|'batch_norm'|'layer_norm',
   * activation: 'linear'|'tanh'|'relu', bins, range}) and returns, per layer (index 0 is x):
   *   {layers: [{counts: Int32Array(bins), under, over, nan, mean, std}], bins, range}
   * counts are the histogram over [-range, range], under/over the values outside it.
   * Throws NormLabError with the engine's message (PyTorch's for BatchNorm with a batch of one).
   */
  run(x, options) {
    const { engine, handle } = this;
    if (!handle) throw new NormLabError('this deep stack runner was deleted');
    if (options === null || typeof options !== 'object')
      throw new NormLabError('deep stack options must be an object');
    const { batch, ...stack } = options;
    const width = stack.width;
    if (!Number.isInteger(batch) || !Number.isInteger(width) || x.length !== batch * width) {
      throw new NormLabError(
        `the input has ${x.length} values but batch ${batch} × width ${width} needs ${batch * width}`,
      );
    }
    withBuffers(engine, (heap) => engine.check(handle.run(heap.float32(x), batch, stack)));
    const count = handle.layers();
    const row = handle.rowSize();
    const counts = engine.readInt32(handle.counts(), count * row);
    const nans = engine.readInt32(handle.nanCount(), count);
    const mean = engine.readFloat64(handle.mean(), count);
    const std = engine.readFloat64(handle.stdev(), count);
    const layers = Array.from({ length: count }, (_, l) => ({
      counts: counts.slice(l * row + 1, (l + 1) * row - 1),
      under: counts[l * row],
      over: counts[(l + 1) * row - 1],
      nan: nans[l],
      mean: mean[l],
      std: std[l],
    }));
    return { layers, bins: row - 2, range: stack.range ?? 3 };
  }

  delete() {
    this.handle?.delete();
    this.handle = null;
  }
}

/** One run on a throwaway runner: see DeepStackRunner.run. */
export function runDeepStack(engine, x, options) {
  const runner = new DeepStackRunner(engine);
  try {
    return runner.run(x, options);
  } finally {
    runner.delete();
  }
}
