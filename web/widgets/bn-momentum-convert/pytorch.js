// "Show as PyTorch" for <bn-momentum-convert>: both conventions on the widget's own 50 batches.
import { tensorLiteral } from '../../model/pytorch.js';

export function momentumCode(m, keras, batches) {
  const flat = batches.flatMap((b) => Array.from(b));
  return [
    'import torch',
    'from torch import nn',
    '',
    `xs = ${tensorLiteral(flat, [batches.length, batches[0].length], 5)}.unsqueeze(-1)`,
    `m = ${m}`,
    'as_torch = nn.BatchNorm1d(1, momentum=m)',
    `as_keras = nn.BatchNorm1d(1, momentum=${keras})  # Keras BatchNormalization(momentum=m)`,
    'moving = 0.0  # Keras: moving = m * moving + (1 - m) * batch_mean',
    'for x in xs:',
    '    as_torch(x); as_keras(x)',
    '    moving = m * moving + (1 - m) * x.mean().item()',
    'print(as_torch.running_mean.item(), as_keras.running_mean.item(), moving)',
  ].join('\n');
}
