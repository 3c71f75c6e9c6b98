// <bn-stepper>'s "Show as PyTorch": the module, one training step on the next batch, its buffers,
// then the one sample in eval mode.
import { tensorLiteral, moduleLiteral } from '../../model/pytorch.js';

/**
 * @param {object} options the module's options (model/module-spec.js)
 * @param {{values: ArrayLike<number>, sample: ArrayLike<number>, batch: number, channels: number,
 *   track: boolean}} state
 */
export function bnStepperCode(options, { values, sample, batch, channels, track }) {
  const lines = [
    'import torch',
    'from torch import nn',
    '',
    `bn = ${moduleLiteral(options)}`,
    'bn.train()',
    `x = ${tensorLiteral(values, [batch, channels], 4)}`,
    'y = bn(x)  # normalized with the batch statistics (biased variance, ÷n)',
    'print(x.var(dim=0, unbiased=False), x.var(dim=0, unbiased=True))',
  ];
  if (track) lines.push('print(bn.running_mean, bn.running_var, bn.num_batches_tracked)');
  lines.push(
    '',
    'bn.eval()',
    `print(bn(${tensorLiteral(sample, [1, channels], 9)}))  # one sample alone`,
  );
  return lines.join('\n');
}
