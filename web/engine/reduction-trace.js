// One statistics group reduced step by step (cpp/include/normlab/demos/reduction_trace.hpp): the running
// sums of the two passes, the mean, the biased variance, and the normalized and affine outputs.
import { withBuffers } from './heap-scope.js';

/**
 * Returns {runningSum, runningMean, sqDev, runningSq: Float64Array (one per element), xhat,
 * y: Float32Array, mean, variance (biased), rstd}.
 * @param {import('./engine.js').Engine} engine
 * @param {ArrayLike<number>} x the group's elements, in the order the kernels visit them
 * @param {{weight?: ArrayLike<number>, bias?: ArrayLike<number>, eps?: number}} [options] weight
 *   and bias: one value per element (absent: 1 and 0); eps (default 1e-5)
 */
export function reductionTrace(engine, x, { weight = null, bias = null, eps = 1e-5 } = {}) {
  const n = x.length;
  for (const [name, v] of [
    ['weight', weight],
    ['bias', bias],
  ]) {
    if (v && v.length !== n) engine.check(`${name} needs ${n} values, got ${v.length}`);
  }
  return withBuffers(engine, (heap) => {
    const xp = heap.float32(x);
    const wp = weight ? heap.float32(weight) : 0;
    const bp = bias ? heap.float32(bias) : 0;
    const sumsPtr = heap.alloc(4 * n * 8);
    const xhatPtr = heap.alloc(n * 4);
    const yPtr = heap.alloc(n * 4);
    const statsPtr = heap.alloc(3 * 8);
    engine.check(engine.wasm.reductionTrace(sumsPtr, xhatPtr, yPtr, statsPtr, xp, wp, bp, n, eps));
    const [mean, variance, rstd] = engine.readFloat64(statsPtr, 3);
    const sums = engine.readFloat64(sumsPtr, 4 * n);
    return {
      runningSum: sums.subarray(0, n),
      runningMean: sums.subarray(n, 2 * n),
      sqDev: sums.subarray(2 * n, 3 * n),
      runningSq: sums.subarray(3 * n),
      xhat: engine.readFloat32(xhatPtr, n),
      y: engine.readFloat32(yPtr, n),
      mean,
      variance,
      rstd,
    };
  });
}
