// <norm-playground>'s "Show as PyTorch": the input, the module, the learner's own γ and β when
// they set them, and the forward pass in training mode.
import { tensorLiteral } from '../../model/pytorch.js';
import { moduleText } from '../../model/module-spec.js';

/**
 * The PyTorch program for a result `r` ({values, shape, options, weight, bias, paramShapes});
 * `weight` / `bias` are the learner's (null: the module's init), `label` / `outputLabel` the names.
 */
export function playgroundCode(r, { label, outputLabel, weight, bias }) {
  const x = label || 'x';
  const y = outputLabel || 'y';
  const lines = ['import torch', 'from torch import nn', ''];
  lines.push(`${x} = ${tensorLiteral(r.values, r.shape, x.length + 3)}`);
  lines.push(`m = ${moduleText(r.options)}`);
  const custom = [];
  if (r.weight && weight) custom.push(['weight', r.weight]);
  if (r.bias && bias) custom.push(['bias', r.bias]);
  const shapes = Object.fromEntries(r.paramShapes);
  if (custom.length) {
    lines.push('with torch.no_grad():');
    for (const [name, v] of custom)
      lines.push(
        `    m.${name}.copy_(${tensorLiteral(v, shapes[name], 4 + `m.${name}.copy_(`.length)})`,
      );
  }
  lines.push(`${y} = m(${x})  # training mode: the statistics of this input`);
  lines.push(`print(${y})`);
  return lines.join('\n');
}
