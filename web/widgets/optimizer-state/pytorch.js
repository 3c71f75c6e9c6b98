// <optimizer-state>'s "Show as PyTorch": the same run in torch.optim, printing θ and the state.
import { tensorLiteral, pyNumber } from '../../model/pytorch.js';
import { STATE_OPTIMIZERS } from '../../model/optimizers.js';

/** The same run in PyTorch: `steps` steps with the same gradient, then θ and the state. */
export function stateCode({ op, lr, theta0, grad, shape, steps }) {
  const o = STATE_OPTIMIZERS[op];
  const args = Object.entries({ ...o.args, lr }).map(
    ([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 'True' : 'False') : pyNumber(v)}`,
  );
  return [
    'import torch',
    '',
    `theta = torch.nn.Parameter(${tensorLiteral(theta0, shape)})`,
    `g = ${tensorLiteral(grad, shape)}`,
    `opt = torch.optim.${o.torch}([theta], ${args.join(', ')})`,
    `for step in range(${steps}):`,
    '    theta.grad = g.clone()',
    '    opt.step()',
    "print('theta', theta.data.tolist())",
    'for name, buf in opt.state[theta].items():',
    "    if name != 'step':  # a step counter; every buffer has theta's shape",
    '        print(name, buf.tolist())',
  ].join('\n');
}
