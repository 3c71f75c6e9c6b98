// What <affine-plot> computes and concludes, without the DOM: the curves f(γ·x̂ + β) and f(x̂) over
// a grid, the learner's normalized values and the slopes there, and the verdict on those slopes.
import { activation } from '../../engine/activation.js';

/** Points of the curves' grid over [−reach, reach]. */
const GRID = 161;

/**
 * What the slopes f' at the learner's values say about the stretch of the curve they reach:
 * 'allSaturated' | 'saturated' | 'linear' (the slope changes by less than a factor of 2) | 'curved'.
 * `peak` is the activation's steepest slope (at 0 with γ = 1, β = 0), the yardstick for "flat".
 * @param {number[]} slopes
 * @param {number} peak
 */
export function slopeVerdict(slopes, peak) {
  const lo = Math.min(...slopes);
  const hi = Math.max(...slopes);
  const flat = 0.1 * peak;
  if (hi < flat) return 'allSaturated';
  if (lo < flat) return 'saturated';
  return lo >= 0.5 * hi ? 'linear' : 'curved';
}

/**
 * The plot's numbers from the engine: each row of `values` (of `shape`) normalized by LayerNorm
 * without affine to x̂, the activation `f` over a grid reaching past every x̂ with and without γ, β,
 * and f and its slope at each x̂. Throws NormLabError when the engine refuses the input.
 */
export function affineCurves(engine, { activation: f, gamma, beta, shape, values }) {
  const cols = shape[shape.length - 1];
  let ln;
  try {
    ln = engine.norm({ op: 'layer_norm', normalized_shape: [cols], elementwise_affine: false });
    const xhat = ln.forward(values, shape).output;
    let reach = 3;
    for (const v of xhat) if (Number.isFinite(v)) reach = Math.max(reach, Math.abs(v) + 0.25);
    const grid = Float32Array.from(
      { length: GRID },
      (_, i) => -reach + (2 * reach * i) / (GRID - 1),
    );
    const options = { gamma, beta };
    return {
      xhat,
      reach,
      grid,
      curve: activation(engine, grid, { ...options, fn: f }).y,
      base: activation(engine, grid, { fn: f }).y,
      dots: activation(engine, xhat, { ...options, fn: f }),
      peak: activation(engine, [0], { fn: f }).slope[0],
      activation: f,
      gamma,
      beta,
      shape,
      values,
    };
  } finally {
    ln?.delete();
  }
}
