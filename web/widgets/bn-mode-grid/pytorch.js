// "Show as PyTorch" for <bn-mode-grid>: the four cells, each on a fresh BatchNorm1d(3).
import { tensorLiteral } from '../../model/pytorch.js';

export function gridCode(values) {
  return [
    'import torch',
    'from torch import nn',
    '',
    `x = ${tensorLiteral(values, [4, 3], 4)}`,
    "for mode in ('train', 'eval'):",
    '    for grad in (True, False):',
    '        bn = nn.BatchNorm1d(3)',
    "        bn.train(mode == 'train')",
    '        with torch.set_grad_enabled(grad):',
    '            y = bn(x.requires_grad_(grad))',
    '        print(mode, grad, bn.running_mean, bn.running_var, bn.num_batches_tracked,',
    '              y.requires_grad)',
  ].join('\n');
}
