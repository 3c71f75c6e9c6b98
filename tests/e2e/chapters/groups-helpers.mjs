// Shared by the chapter 2 and 9 browser tests: what the node engine computes for a cube (the page's
// numbers are checked against it), and the textbook answer of a self-check question from its text.
import { nodeEngine } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { moduleOptions, members, seededValues } from '../../../web/widgets/lib/norm-kinds.js';
import { reductionTrace } from '../../../web/engine/reduction_trace.js';

export { formatNumber, seededValues, members, reductionTrace };

/** What the engine computes for a cube: plan, forward, parameter shapes. */
export async function cubeFacts(kind, shape, groups, values) {
  const engine = await nodeEngine();
  const mod = engine.norm(moduleOptions(kind, shape, groups));
  try {
    const plan = mod.plan(shape);
    const forward = mod.forward(values, shape);
    return { engine, plan, forward, params: mod.parameterShapes() };
  } finally {
    mod.delete();
  }
}

/** The flat index of [n, c, h, w] in `shape`. */
export const flatIndex = (idx, shape) => idx.reduce((acc, v, d) => acc * shape[d] + v, 0);

/** The answer of a self-check question by the textbook formulas, from its English text. */
export function textbookAnswer(text) {
  const [N, C, H, W] = text
    .match(/shape \(([^)]*)\)/)[1]
    .split(',')
    .map(Number);
  const module = text.match(/nn\.(\w+)\(([^)]*\)?)\)/);
  const per = {
    BatchNorm2d: { count: C, size: N * H * W },
    LayerNorm: { count: N, size: C * H * W },
    InstanceNorm2d: { count: N * C, size: H * W },
  };
  const G = module[1] === 'GroupNorm' ? Number(module[2].split(',')[0]) : 0;
  const rule = per[module[1]] ?? { count: N * G, size: (C / G) * H * W };
  return /How many mean\/variance pairs/.test(text) ? rule.count : rule.size;
}
