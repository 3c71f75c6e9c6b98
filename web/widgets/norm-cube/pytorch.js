// <norm-cube>'s "Show as PyTorch": the module on the cube's input, then the statistics it reduces,
// written the way the kind reduces them.
import { tensorLiteral, moduleLiteral } from '../../model/pytorch.js';

/** The PyTorch program for a computed cube view `v` ({kind, shape, groups, values, options}). */
export function cubeCode(v) {
  const dims = v.shape.map((_, i) => i).slice(2);
  const spatial = dims.length === 1 ? String(dims[0]) : `(${dims.join(', ')})`;
  const [N] = v.shape;
  const stats = {
    batch: [
      `# BatchNorm: one mean per channel, over the batch and every position`,
      `mean = x.mean(dim=(0, ${dims.join(', ')}))`,
      `var = x.var(dim=(0, ${dims.join(', ')}), unbiased=False)`,
    ],
    layer: [
      `# LayerNorm: one mean per sample, over all its channels and positions`,
      `mean = x.mean(dim=(${[1, ...dims].join(', ')}))`,
      `var = x.var(dim=(${[1, ...dims].join(', ')}), unbiased=False)`,
    ],
    instance: [
      `# InstanceNorm: one mean per sample and channel, over the positions`,
      `mean = x.mean(dim=${spatial})`,
      `var = x.var(dim=${spatial}, unbiased=False)`,
    ],
    group: [
      `# GroupNorm: one mean per sample and group of channels`,
      `mean = x.view(${N}, ${v.groups}, -1).mean(-1)`,
      `var = x.view(${N}, ${v.groups}, -1).var(-1, unbiased=False)`,
    ],
  }[v.kind];
  return [
    'import torch',
    'from torch import nn',
    '',
    `x = ${tensorLiteral(v.values, v.shape, 4)}`,
    `norm = ${moduleLiteral(v.options)}`,
    'y = norm(x)',
    ...stats,
    'print(mean.shape, mean.numel())  # how many mean/variance pairs',
    'print([round(m, 4) for m in mean.flatten().tolist()])',
    'for name, p in norm.named_parameters():',
    '    print(name, p.shape)',
  ].join('\n');
}
