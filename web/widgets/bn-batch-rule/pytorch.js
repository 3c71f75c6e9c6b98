// "Show as PyTorch" for <bn-batch-rule>: the input as the widget builds it, and the loader.
export function batchRuleCode({ layout, n, h, w, samples, batchSize, dropLast }) {
  const shape = layout === '1d' ? `${n}, 3` : `${n}, 3, ${h}, ${w}`;
  const bn = layout === '1d' ? 'nn.BatchNorm1d(3)' : 'nn.BatchNorm2d(3)';
  const item = layout === '1d' ? '3' : `3, ${h}, ${w}`;
  return [
    'import torch',
    'from torch import nn',
    'from torch.utils.data import DataLoader, TensorDataset',
    '',
    `bn = ${bn}`,
    `x = torch.randn(${shape})`,
    'try:',
    '    bn.train()(x)',
    'except ValueError as e:',
    '    print(e)  # Expected more than 1 value per channel when training, ...',
    'print(bn.eval()(x).shape)  # eval mode takes it',
    '',
    `data = TensorDataset(torch.randn(${samples}, ${item}))`,
    `loader = DataLoader(data, batch_size=${batchSize}, drop_last=${dropLast ? 'True' : 'False'})`,
    'bn.train()',
    'for (xb,) in loader:',
    '    bn(xb)  # a batch with 1 value per channel raises here',
  ].join('\n');
}
