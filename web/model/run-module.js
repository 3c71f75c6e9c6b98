// One call of a torch.nn normalization module on a tensor, everything the widgets show about it
// computed by the engine: the output, which elements shared a mean (the plan), and each group's
// count, mean and variances. The module lives only for the call, so no state leaks between runs.
import { groupMoments } from '../engine/group-stats.js';
import { numel } from './shape.js';

/**
 * Returns {output, mean, rstd, statCount, group, count, variance, unbiased, paramShapes:
 * [name, shape][], bufferShapes: [name, shape][], weight, bias}; `weight`/`bias` set the module's
 * parameters first (dropped when their size does not fit).
 * Throws NormLabError with PyTorch's message when the module or the input is refused.
 * @param {import('../engine/engine.js').Engine} engine
 * @param {object} options the module's engine options ({op, ...})
 * @param {ArrayLike<number>} values
 * @param {number[]} shape
 * @param {{weight?: ArrayLike<number>, bias?: ArrayLike<number>, training?: boolean}} [call]
 */
export function runModule(engine, options, values, shape, { weight, bias, training = true } = {}) {
  const mod = engine.norm(options);
  try {
    const paramShapes = mod.parameterShapes();
    const bufferShapes = mod.bufferShapes();
    const sizes = Object.fromEntries(paramShapes.map(([name, s]) => [name, numel(s)]));
    // parameters from an earlier module of another size are dropped: PyTorch's init instead
    if (weight && sizes.weight === weight.length) mod.weight = weight;
    if (bias && sizes.bias === bias.length) mod.bias = bias;
    const r = mod.forward(values, shape, { training });
    const plan = mod.plan(shape);
    const stats = groupMoments(engine, values, plan.group, { groups: plan.statCount });
    return {
      ...r,
      ...stats,
      group: plan.group,
      paramShapes,
      bufferShapes,
      weight: 'weight' in sizes ? mod.weight : null,
      bias: 'bias' in sizes ? mod.bias : null,
    };
  } finally {
    mod.delete();
  }
}

/** Whether every last-dim row is one whole statistics group, numbered in order (LayerNorm(D)). */
export function rowsAreGroups(group, cols) {
  for (let i = 0; i < group.length; i++) if (group[i] !== Math.floor(i / cols)) return false;
  return true;
}

/**
 * What a module's statistics plan says about an input shape, without data: how many mean/variance
 * pairs, the element count of each (counted by the engine), and the parameter and buffer shapes.
 * Throws NormLabError with PyTorch's message when the module or the shape is refused.
 */
export function planSummary(engine, options, shape) {
  const mod = engine.norm(options);
  try {
    mod.checkInput(shape);
    const plan = mod.plan(shape);
    // the values do not matter for the counts: zeros
    const { count } = groupMoments(engine, new Float32Array(plan.group.length), plan.group, {
      groups: plan.statCount,
    });
    return {
      statCount: plan.statCount,
      count,
      paramShapes: plan.paramShapes,
      bufferShapes: plan.bufferShapes,
    };
  } finally {
    mod.delete();
  }
}
