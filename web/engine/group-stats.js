// The statistics shown beside a normalization (cpp/src/demos/group_stats.cpp): for each group of a
// statistics plan, its element count, mean, biased variance (÷n, what the layer normalizes with)
// and unbiased variance (÷(n−1), what torch.var() and running_var use).
import { withBuffers } from './heap-scope.js';

/**
 * @param engine the Engine (web/engine/engine.js)
 * @param x the tensor's values, row-major
 * @param group one group id per element (a plan's `group`)
 * @param {{groups: number}} options groups: how many groups (a plan's `statCount`)
 * @returns {{count: Int32Array, mean: Float64Array, variance: Float64Array,
 *            unbiased: Float64Array}}
 */
export function groupMoments(engine, x, group, { groups } = /** @type {any} */ ({})) {
  const n = x.length;
  if (group.length !== n)
    engine.check(`group ids: ${group.length} for ${n} values; one per value is needed`);
  return withBuffers(engine, (heap) => {
    const xp = heap.float32(x);
    const gp = heap.int32(group);
    const cp = heap.alloc(groups * 4);
    const mp = heap.alloc(groups * 8);
    const vp = heap.alloc(groups * 8);
    const up = heap.alloc(groups * 8);
    engine.check(engine.wasm.groupMoments(cp, mp, vp, up, xp, gp, n, groups));
    return {
      count: engine.readInt32(cp, groups),
      mean: engine.readFloat64(mp, groups),
      variance: engine.readFloat64(vp, groups),
      unbiased: engine.readFloat64(up, groups),
    };
  });
}
