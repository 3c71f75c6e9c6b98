// <decay-compare>'s "Show as PyTorch": the three runs from the same start, printing where each ends.
import { pyNumber } from '../../model/pytorch.js';
import { PYTHON } from '../../model/race.js';
import { SURFACE } from './model.js';

/** The three runs in PyTorch, printing where each ends. */
export function decayCode({ formula, start, lr, weightDecay, steps }) {
  const [x0, y0] = start;
  const rate = pyNumber(lr);
  const decay = pyNumber(weightDecay);
  return [
    'import torch',
    '',
    `def f(p):  # ${formula}`,
    '    x, y = p',
    `    return ${PYTHON[SURFACE]}`,
    '',
    'runs = {',
    `    'Adam, no decay': lambda p: torch.optim.Adam([p], lr=${rate}),`,
    `    'Adam, L2': lambda p: torch.optim.Adam([p], lr=${rate}, weight_decay=${decay}),`,
    `    'AdamW': lambda p: torch.optim.AdamW([p], lr=${rate}, weight_decay=${decay}),`,
    '}',
    'for name, make in runs.items():',
    `    p = torch.tensor([${pyNumber(x0)}, ${pyNumber(y0)}], requires_grad=True)`,
    '    opt = make(p)',
    `    for step in range(${steps}):`,
    '        opt.zero_grad()',
    '        f(p).backward()',
    '        opt.step()',
    "    print(f'{name:16s} x={p[0].item():.6g}  y={p[1].item():.6g}')",
  ].join('\n');
}
