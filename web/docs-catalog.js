// Every widget docs.html shows: [tag, what it shows ({zh, en}), the attributes of its example].
// Plain data, so the tests embed exactly these examples in their host pages
// (tests/e2e/blog-host.test.mjs).
/** @type {[tag: string, description: {zh: string, en: string}, attributes: Record<string, string>][]} */
export const CATALOG = [
  [
    'norm-playground',
    {
      en: 'An editable tensor through any normalization module, with each group’s statistics.',
      zh: '可编辑的张量经过任意归一化模块，并给出每组的统计量。',
    },
    { module: 'nn.BatchNorm2d(3)', shape: '2,3,2,2' },
  ],
  [
    'norm-cube',
    {
      en: 'The (N, C, H·W) cube, every element coloured by the statistics group it shares.',
      zh: '输入的 (N, C, H·W) 立方体，每个元素按它共享的统计组着色。',
    },
    { kind: 'group', shape: '2,6,4,4', groups: '3' },
  ],
  [
    'reduction-player',
    {
      en: 'One group’s elements flowing into its mean and variance, step by step.',
      zh: '一组元素一步步汇入它的均值和方差。',
    },
    { kind: 'batch', shape: '2,3,2,2', group: '1' },
  ],
  [
    'count-table',
    {
      en: 'How many mean/variance pairs a module computes, and γ, β shapes.',
      zh: '一个模块计算多少对均值/方差，以及 γ、β 的形状。',
    },
    { rows: 'nn.LayerNorm(4) | 2,3,4; nn.BatchNorm2d(3) | 2,3,4,4' },
  ],
  [
    'param-table',
    {
      en: 'named_parameters() and named_buffers() of a module.',
      zh: '模块的 named_parameters() 和 named_buffers()。',
    },
    { module: 'nn.BatchNorm2d(100)', input: '20,100,35,45' },
  ],
  [
    'module-console',
    {
      en: 'Write a module and an input shape, run it, read PyTorch’s message.',
      zh: '写一个模块和输入形状，运行它，读 PyTorch 的报错。',
    },
    { module: 'nn.LayerNorm([6, 3])', shape: '8,6,3,4' },
  ],
  [
    'affine-plot',
    {
      en: 'Why γ and β: an activation over normalized values.',
      zh: '为什么要 γ 和 β：归一化后的值经过激活函数。',
    },
    { activation: 'tanh', gamma: '2', beta: '0.5' },
  ],
  [
    'bn-stepper',
    {
      en: 'BatchNorm’s running statistics converging, batch after batch; then eval.',
      zh: 'BatchNorm 的 running 统计量一批一批收敛，然后切到 eval。',
    },
    { channels: '3', batch: '4' },
  ],
  [
    'train-eval-grid',
    {
      en: 'The same batch through BatchNorm1d and LayerNorm, in train and in eval.',
      zh: '同一批数据经过 BatchNorm1d 和 LayerNorm，在 train 和 eval 下。',
    },
    { shape: '4,3' },
  ],
  [
    'padding-demo',
    {
      en: 'A padded batch of sentences: BN’s statistics move with the padding, LN’s do not.',
      zh: '补齐的一批句子：BN 的统计量随补齐变化，LN 的不变。',
    },
    { lengths: '4,2,3', 'hidden-size': '4', 'pad-to': '5' },
  ],
  [
    'deep-stack',
    {
      en: 'Activations through a deep stack of random layers, without and with BN or LN.',
      zh: '激活值穿过一叠很深的随机层：不加、加 BN 或 LN。',
    },
    { depth: '12', width: '32', gain: '1.5', norm: 'none' },
  ],
  [
    'batch-spread',
    {
      en: 'How much the mean that normalizes a sample moves from batch to batch: BN vs GN.',
      zh: '归一化一个样本所用的均值在批与批之间变化多少：BN 对比 GN。',
    },
    { batches: '100', groups: '2' },
  ],
  [
    'optimizer-race',
    {
      en: 'SGD, momentum, Nesterov, Adagrad, RMSprop, Adam and AdamW raced on a loss surface.',
      zh: 'SGD、动量、Nesterov、Adagrad、RMSprop、Adam 和 AdamW 在损失曲面上赛跑。',
    },
    { surface: 'rosenbrock', steps: '200' },
  ],
  [
    'optimizer-state',
    {
      en: 'What an optimizer keeps for a parameter: m and v for Adam.',
      zh: '优化器为一个参数保存什么：Adam 的 m 和 v。',
    },
    { op: 'adam', shape: '2,3', lr: '0.1' },
  ],
  [
    'decay-compare',
    {
      en: 'Adam’s L2 term against AdamW’s decoupled weight decay.',
      zh: 'Adam 的 L2 项对比 AdamW 的解耦权重衰减。',
    },
    { lr: '0.05', 'weight-decay': '0.1', steps: '300' },
  ],
  [
    'memory-calculator',
    {
      en: 'Training memory per parameter: weights, gradients, optimizer state.',
      zh: '训练时每个参数占多少内存：权重、梯度、优化器状态。',
    },
    { params: '7e9', precision: 'fp32', optimizer: 'adam' },
  ],
  [
    'tensor-editor',
    {
      en: 'The tensor editor on its own: paste, random fill, reshape.',
      zh: '单独的张量编辑器：粘贴、随机填充、改形状。',
    },
    { shape: '2,3,4', 'shape-editable': '' },
  ],
  [
    'training-lab',
    {
      en: 'An experiment of the training lab: networks trained live, loss and accuracy curves.',
      zh: '训练实验室的一个实验：在浏览器里实时训练网络，给出损失和准确率曲线。',
    },
    { experiment: 'norms', steps: '60' },
  ],
  [
    'bn-mode-grid',
    {
      en: 'model.eval() vs torch.no_grad(): which cells move BatchNorm’s running statistics.',
      zh: 'model.eval() 与 torch.no_grad()：哪些格子会改变 BatchNorm 的 running 统计量。',
    },
    { values: '1,2,3,3,4,9,5,0,0,7,2,4' },
  ],
  [
    'bn-batch-rule',
    {
      en: '“Expected more than 1 value per channel”: N·H·W per channel, and drop_last.',
      zh: '“Expected more than 1 value per channel”：每个通道 N·H·W 个值，以及 drop_last。',
    },
    { n: '1', h: '1', w: '1', samples: '17', 'batch-size': '4' },
  ],
  [
    'bn-momentum-convert',
    {
      en: 'BatchNorm momentum in PyTorch (m) and Keras (1 − m), 50 steps of each.',
      zh: 'PyTorch（m）与 Keras（1 − m）的 BatchNorm momentum，各跑 50 步。',
    },
    { momentum: '0.99', convention: 'keras' },
  ],
];

/**
 * What a host page adds once, after its NormLab iframes: it sets each frame's height to what
 * embed.html reports (a message {type: 'normlab:height', height}), from that frame only.
 */
export const EMBED_LISTENER = `<script>
  addEventListener('message', (e) => {
    for (const frame of document.querySelectorAll('iframe[data-normlab]'))
      if (frame.contentWindow === e.source && e.data?.type === 'normlab:height')
        frame.style.height = Math.min(Number(e.data.height) || 0, 20000) + 'px';
  });
</script>`;

/** The iframe snippet of a widget: `hash` is embed.html's, e.g. widget=norm-cube&shape=2,6,4,4. */
export const iframeSnippet = (tag, hash) =>
  `<iframe src="embed.html#${hash}" title="NormLab: ${tag}" data-normlab width="100%" height="700" style="border:0"></iframe>\n${EMBED_LISTENER}`;
