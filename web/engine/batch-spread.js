// The batch-size experiment (cpp/include/normlab/demos/batch_spread.hpp): for each batch size, the
// spread across random batches of the mean that normalizes a sample, under BatchNorm (the batch's
// channel mean) and GroupNorm (the sample's own group mean).
import { withBuffers } from './heap-scope.js';

/**
 * @param {import('./engine.js').Engine} engine
 * @param {{batchSizes?: number[], [key: string]: any}} [options] batchSizes, batches, numGroups, channels, spatial,
 *   datasetSize, seed, sampleSpread, pixelNoise; absent ones take the C++ defaults
 * @returns {{batchSizes: number[], bn: Float64Array, gn: Float64Array}} one value per batch size
 * @throws NormLabError with the engine's message (PyTorch's where PyTorch has one)
 */
export function batchSpread(engine, options) {
  const o = options ?? {};
  const batchSizes = Array.from(o.batchSizes ?? []);
  const n = batchSizes.length;
  const args = { batch_sizes: batchSizes };
  const names = {
    batches: 'batches',
    numGroups: 'num_groups',
    channels: 'channels',
    spatial: 'spatial',
    datasetSize: 'dataset_size',
    seed: 'seed',
    sampleSpread: 'sample_spread',
    pixelNoise: 'pixel_noise',
  };
  for (const [key, name] of Object.entries(names)) if (o[key] !== undefined) args[name] = o[key];
  return withBuffers(engine, (heap) => {
    const bnPtr = heap.alloc(n * 8);
    const gnPtr = heap.alloc(n * 8);
    engine.check(engine.wasm.batchSpread(bnPtr, gnPtr, args));
    return {
      batchSizes,
      bn: engine.readFloat64(bnPtr, n),
      gn: engine.readFloat64(gnPtr, n),
    };
  });
}
