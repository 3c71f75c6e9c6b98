// <batch-spread>'s experiment: the batch sizes, the seeded dataset and one run of the C++ demo.
import { batchSpread } from '../../engine/batch-spread.js';

export const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64];
export const DATASET = { datasetSize: 512, channels: 8, spatial: 16 };
// K batches of 7 sizes cost about 0.15 ms per batch in Wasm: 400 keeps a redraw near 60 ms
export const MAX_BATCHES = 400;

/**
 * BN's and GN's spread of the mean per batch size, for these settings; `key` names the settings,
 * so a widget recomputes only when one changes.
 * @param {{batches: number, groups: number, seed: number, sampleSpread: number}} o
 */
export function runSpread(engine, o) {
  const r = batchSpread(engine, {
    ...DATASET,
    batchSizes: BATCH_SIZES,
    batches: o.batches,
    numGroups: o.groups,
    seed: o.seed,
    sampleSpread: o.sampleSpread,
    pixelNoise: 1,
  });
  return { ...r, key: spreadKey(o) };
}

/** The settings of a run as one string. */
export const spreadKey = ({ batches, groups, seed, sampleSpread }) =>
  JSON.stringify({ batches, groups, seed, sampleSpread });
