// Every widget docs.html shows: [tag, what it shows, the attributes of its example]. Plain data, so
// the tests embed exactly these examples in their host pages (tests/e2e/blog-host.test.mjs).
export const CATALOG = [
  [
    'norm-playground',
    'An editable tensor through any normalization module, with each group’s statistics.',
    { module: 'nn.BatchNorm2d(3)', shape: '2,3,2,2' },
  ],
  [
    'norm-cube',
    'The (N, C, H·W) cube, every element coloured by the statistics group it shares.',
    { kind: 'group', shape: '2,6,4,4', groups: '3' },
  ],
  [
    'reduction-player',
    'One group’s elements flowing into its mean and variance, step by step.',
    { kind: 'batch', shape: '2,3,2,2', group: '1' },
  ],
  [
    'count-table',
    'How many mean/variance pairs a module computes, and γ, β shapes.',
    { rows: 'nn.LayerNorm(4) | 2,3,4; nn.BatchNorm2d(3) | 2,3,4,4' },
  ],
  [
    'param-table',
    'named_parameters() and named_buffers() of a module.',
    { module: 'nn.BatchNorm2d(100)', input: '20,100,35,45' },
  ],
  [
    'module-console',
    'Write a module and an input shape, run it, read PyTorch’s message.',
    { module: 'nn.LayerNorm([6, 3])', shape: '8,6,3,4' },
  ],
  [
    'affine-plot',
    'Why γ and β: an activation over normalized values.',
    { activation: 'tanh', gamma: '2', beta: '0.5' },
  ],
  [
    'bn-stepper',
    'BatchNorm’s running statistics converging, batch after batch; then eval.',
    { channels: '3', batch: '4' },
  ],
  [
    'train-eval-grid',
    'The same batch through BatchNorm1d and LayerNorm, in train and in eval.',
    { shape: '4,3' },
  ],
  [
    'padding-demo',
    'A padded batch of sentences: BN’s statistics move with the padding, LN’s do not.',
    { lengths: '4,2,3', 'hidden-size': '4', 'pad-to': '5' },
  ],
  [
    'deep-stack',
    'Activations through a deep stack of random layers, without and with BN or LN.',
    { depth: '12', width: '32', gain: '1.5', norm: 'none' },
  ],
  [
    'batch-spread',
    'How much the mean that normalizes a sample moves from batch to batch: BN vs GN.',
    { batches: '100', groups: '2' },
  ],
  [
    'optimizer-race',
    'SGD, momentum, Nesterov, Adagrad, RMSprop, Adam and AdamW raced on a loss surface.',
    { surface: 'rosenbrock', steps: '200' },
  ],
  [
    'optimizer-state',
    'What an optimizer keeps for a parameter: m and v for Adam.',
    { op: 'adam', shape: '2,3', lr: '0.1' },
  ],
  [
    'decay-compare',
    'Adam’s L2 term against AdamW’s decoupled weight decay.',
    { lr: '0.05', 'weight-decay': '0.1', steps: '300' },
  ],
  [
    'memory-calculator',
    'Training memory per parameter: weights, gradients, optimizer state.',
    { params: '7e9', precision: 'fp32', optimizer: 'adam' },
  ],
  [
    'tensor-editor',
    'The tensor editor on its own: paste, random fill, reshape.',
    { shape: '2,3,4', 'shape-editable': '' },
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
