// <train-eval-grid>'s "Show as PyTorch": the same batch through both modules, in both modes.
import { tensorLiteral } from '../../model/pytorch.js';

/** @param {ArrayLike<number>} values @param {number[]} shape (N, C) */
export function trainEvalCode(values, [n, c]) {
  return [
    'import torch',
    'from torch import nn',
    '',
    `x = ${tensorLiteral(values, [n, c], 4)}`,
    `bn, ln = nn.BatchNorm1d(${c}), nn.LayerNorm(${c})`,
    'bn.train(); ln.train()',
    'bn_train, ln_train = bn(x), ln(x)  # BatchNorm needs N > 1 here',
    'bn.eval(); ln.eval()',
    'bn_eval, ln_eval = bn(x), ln(x)',
    'print(torch.equal(bn_train, bn_eval), torch.equal(ln_train, ln_eval))',
    'print(list(bn.named_buffers()), list(ln.named_buffers()))',
  ].join('\n');
}
