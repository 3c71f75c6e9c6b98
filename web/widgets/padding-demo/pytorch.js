// <padding-demo>'s "Show as PyTorch": the padded batch, its mask, and both norms on it.
import { tensorLiteral, pyValue } from '../../model/pytorch.js';
import { padBatch } from './model.js';

/**
 * @param {Float32Array} values the real tokens @param {number[]} lengths
 * @param {number} H @param {number} T
 */
export function paddingCode(values, lengths, H, T) {
  const { x } = padBatch(values, lengths, H, T);
  const mask = lengths.map((len) => Array.from({ length: T }, (_, p) => p < len));
  return [
    'import torch',
    'from torch import nn',
    '',
    `x = ${tensorLiteral(x, [lengths.length, T, H], 4)}  # (B, T, H), zeros after each sentence`,
    `mask = torch.tensor([${mask.map((m) => `[${m.map((v) => pyValue(v)).join(', ')}]`).join(', ')}])  # real tokens`,
    `bn, ln = nn.BatchNorm1d(${H}), nn.LayerNorm(${H})`,
    `tokens = x.reshape(-1, ${H})  # every position, padding included`,
    'y_bn = bn(tokens)  # per-feature statistics over all B*T positions',
    'print(tokens.mean(0), tokens.var(0, unbiased=False))',
    'print(x[mask].mean(0), x[mask].var(0, unbiased=False))  # the real tokens only: different',
    'print(torch.equal(ln(x)[mask], ln(x[mask])))  # True: a token never sees another token',
  ].join('\n');
}
