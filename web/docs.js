// docs.html: every widget, live, with its copy-paste snippets. Built with DOM calls only (the
// page runs under a strict CSP and nothing here is HTML from strings).
import './styles/page.css';
import { WIDGET_TAGS } from './widgets.js';
import { getEngine } from './engine/shared.js';

const CATALOG = [
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

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

const attributeText = (attrs) =>
  Object.entries(attrs)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${v}"`))
    .join('');

function snippetBlock(label, text) {
  const status = el('span', { class: 'copy-status', role: 'status' });
  const button = el('button', { type: 'button', class: 'copy' }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied';
    } catch {
      status.textContent = 'Could not copy; select the text instead';
    }
  });
  return el(
    'div',
    { class: 'snippet' },
    el('p', { class: 'snippet-label' }, label),
    el('pre', { tabindex: '0' }, el('code', {}, text)),
    button,
    status,
  );
}

function widgetSection([tag, description, attrs]) {
  const blog = `<script type="module" src="normlab-widgets.js"></script>\n<${tag}${attributeText(attrs)}></${tag}>`;
  const hash = new URLSearchParams({ widget: tag, ...attrs }).toString();
  const iframe = `<iframe src="embed.html#${hash}" title="NormLab: ${tag}" width="100%" height="600" style="border:0"></iframe>`;
  const live = el('div', { class: 'live' });
  const section = el(
    'section',
    { id: tag, 'aria-labelledby': `${tag}-title` },
    el('h2', { id: `${tag}-title` }, el('code', {}, `<${tag}>`)),
    el('p', {}, description),
    live,
    snippetBlock('In a blog post', blog),
    snippetBlock('As an iframe', iframe),
  );
  // a widget starts computing only when it scrolls into view
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    const widget = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) widget.setAttribute(k, v);
    live.append(widget);
  });
  observer.observe(live);
  return section;
}

const catalog = document.getElementById('catalog');
const documented = CATALOG.filter(([tag]) => WIDGET_TAGS.includes(tag));
catalog.append(
  el(
    'nav',
    { 'aria-label': 'Widgets' },
    el(
      'ul',
      {},
      ...documented.map(([tag]) => el('li', {}, el('a', { href: `#${tag}` }, `<${tag}>`))),
    ),
  ),
  ...documented.map(widgetSection),
);
getEngine().then(
  () => (document.documentElement.dataset.engine = 'ready'),
  (err) => {
    document.documentElement.dataset.engine = 'failed';
    console.error('NormLab: the engine could not be loaded:', err);
  },
);
