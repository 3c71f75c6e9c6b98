// <module-console>'s "Show as PyTorch": the module run on the learner's tensor.
import { tensorLiteral } from '../../model/pytorch.js';

/** @param {string} module Python text @param {ArrayLike<number>} values @param {number[]} shape */
export function consoleCode(module, values, shape) {
  return [
    'import torch',
    'from torch import nn',
    '',
    `m = ${module}`,
    `input = ${tensorLiteral(values, shape, 'input = '.length)}`,
    'y = m(input)',
    'print(y.shape)',
  ].join('\n');
}
