// <affine-plot>'s "Show as PyTorch": LayerNorm with γ and β filled in, then the activation and its
// slope, on the learner's tensor.
import { tensorLiteral, pyNumber } from '../../model/pytorch.js';

/**
 * @param {{values: ArrayLike<number>, shape: number[], activation: string, gamma: number, beta: number}} r
 * @param {string} [label] the tensor's name in the code
 */
export function affineCode(r, label = 'x') {
  const cols = r.shape[r.shape.length - 1];
  const f = r.activation;
  const x = label || 'x';
  return [
    'import torch',
    'from torch import nn',
    '',
    `${x} = ${tensorLiteral(r.values, r.shape, x.length + 3)}`,
    `ln = nn.LayerNorm(${cols})`,
    'with torch.no_grad():',
    `    ln.weight.fill_(${pyNumber(r.gamma)})  # γ`,
    `    ln.bias.fill_(${pyNumber(r.beta)})  # β`,
    `z = ln(${x})  # γ·x̂ + β`,
    `y = torch.${f}(z)`,
    f === 'sigmoid' ? 'slope = y * (1 - y)  # d sigmoid / dz' : 'slope = 1 - y**2  # d tanh / dz',
    'print(y, slope)',
  ].join('\n');
}
