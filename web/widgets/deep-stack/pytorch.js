// <deep-stack>'s "Show as PyTorch": the same stack and the same per-layer histogram in torch.
import { BINS } from './model.js';

/**
 * @param {{depth: number, width: number, gain: number, batch: number, norm: string,
 *   activation: string, range: number}} s
 */
export function deepStackCode({ depth, width, gain, batch, norm, activation, range }) {
  const normModule = {
    none: '',
    batch_norm: `nn.BatchNorm1d(${width})`,
    layer_norm: `nn.LayerNorm(${width})`,
  }[norm];
  const act = { linear: '', tanh: 'nn.Tanh()', relu: 'nn.ReLU()' }[activation];
  const block = ['nn.Linear(width, width, bias=False)', normModule, act].filter(Boolean).join(', ');
  return [
    'import torch',
    'from torch import nn',
    '',
    `depth, width, g = ${depth}, ${width}, ${gain}`,
    `layers = [nn.Sequential(${block}) for _ in range(depth)]`,
    'for block in layers:',
    '    nn.init.normal_(block[0].weight, std=g / width ** 0.5)',
    `h = torch.randn(${batch}, width)  # the same experiment; the random draws differ`,
    'with torch.no_grad():',
    '    for i, block in enumerate(layers, 1):',
    norm === 'batch_norm'
      ? '        h = block(h)  # BatchNorm in training mode: batch statistics'
      : '        h = block(h)',
    `        hist = torch.histc(h, bins=${BINS}, min=-${range}, max=${range}).int().tolist()`,
    `        below, above = (h < -${range}).sum().item(), (h > ${range}).sum().item()`,
    '        print(i, round(h.std(unbiased=False).item(), 4), below, hist, above)',
  ].join('\n');
}
