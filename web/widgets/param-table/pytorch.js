// <param-table>'s "Show as PyTorch": the module's parameters, their total and its buffers, and the
// input run through it when one is given.
/** @param {{text: string, shape?: number[]}} r the listed module's Python text and input shape */
export function paramCode(r) {
  const lines = ['import torch', 'from torch import nn', '', `m = ${r.text}`];
  lines.push('for name, p in m.named_parameters():', '    print(name, p.shape)');
  lines.push('print(sum(p.numel() for p in m.parameters()))');
  lines.push('for name, b in m.named_buffers():', '    print(name, b.shape)');
  if (r.shape) lines.push(`x = torch.randn(${r.shape.join(', ')})`, 'y = m(x)');
  return lines.join('\n');
}
