// <batch-spread>'s "Show as PyTorch": the same experiment with torch's own random numbers.
import { BATCH_SIZES, DATASET } from './model.js';

/** @param {{groups: number, batches: number, sampleSpread: number}} settings */
export function spreadCode({ groups, batches, sampleSpread }) {
  return [
    'import torch',
    'from torch import nn',
    '',
    '# The same experiment in PyTorch (its random numbers differ from the page, its trend does not)',
    'torch.manual_seed(0)',
    `D, C, S, G, K = ${DATASET.datasetSize}, ${DATASET.channels}, ${DATASET.spatial}, ${groups}, ${batches}`,
    `data = ${sampleSpread} * torch.randn(D, C, 1) + torch.randn(D, C, S)  # each sample its own level per channel`,
    'bn = nn.BatchNorm1d(C, track_running_stats=False)',
    'gn = nn.GroupNorm(G, C)',
    `for B in ${JSON.stringify(BATCH_SIZES).replace(/,/g, ', ')}:`,
    '    bn_means, gn_means = [], []',
    '    for _ in range(K):',
    '        x = data[torch.randperm(D)[:B]]',
    '        bn_means.append(x.mean(dim=(0, 2)))            # what BN normalizes with: one per channel',
    '        gn_means.append(x.view(B, G, -1).mean(dim=2))  # what GN normalizes with: one per sample and group',
    '    bn_spread = torch.stack(bn_means).std(dim=0).mean()',
    '    gn_spread = torch.cat(gn_means).std(dim=0).mean()',
    "    print(B, f'{bn_spread:.4f}', f'{gn_spread:.4f}')",
  ].join('\n');
}
