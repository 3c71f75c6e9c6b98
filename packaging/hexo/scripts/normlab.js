// A NormLab widget in a Hexo post, as a tag plugin (copy this file into the site's scripts/):
//   {% normlab norm-cube kind=group shape=2,6,4,4 groups=3 %}
//   {% normlab norm-playground module="nn.LayerNorm(4)" shape=1,4 %}
// Copy dist/normlab-widgets.js into source/ (or set normlab.src in _config.yml). Every name=value
// after the widget becomes an attribute: names must be lowercase letters, digits and hyphens and
// may not start with "on" (an event handler would run script); values are HTML-escaped, and the
// widget checks them as it checks its URL hash. An unknown widget or a refused name is a visible
// notice, never markup. The module script may appear once per widget: a browser runs a module of
// the same address only once.
'use strict';

const TAGS = [
  'affine-plot',
  'batch-spread',
  'bn-batch-rule',
  'bn-mode-grid',
  'bn-momentum-convert',
  'bn-stepper',
  'count-table',
  'decay-compare',
  'deep-stack',
  'memory-calculator',
  'module-console',
  'norm-cube',
  'norm-playground',
  'optimizer-race',
  'optimizer-state',
  'padding-demo',
  'param-table',
  'pytorch-code',
  'reduction-player',
  'self-check',
  'tensor-editor',
  'train-eval-grid',
  'training-lab',
];
const NAME = /^[a-z][a-z0-9-]*$/;

const escape = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

// Hexo may hand over a tag's arguments HTML-escaped (when the line holds < or "): read them as text
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (text) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body) => {
    if (body[0] !== '#') return ENTITIES[body.toLowerCase()] ?? entity;
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : entity;
  });

const notice = (text) => `<p class="normlab-notice" role="status">NormLab: ${escape(text)}</p>`;

const FALLBACK = 'NormLab: an interactive figure (it needs JavaScript)';

function normlabTag(args) {
  const options = hexo.config.normlab ?? {};
  const src = options.src ?? '/normlab-widgets.js';
  // no default address: a site names where its readers find NormLab (normlab.link), else plain text
  const link = options.link ?? '';
  const [widget = '', ...rest] = args.map(unescape);
  if (!TAGS.includes(widget))
    return notice(`there is no widget "${widget}" (one of: ${TAGS.join(', ')}).`);
  const attrs = [];
  const refused = [];
  for (const arg of rest) {
    const at = arg.indexOf('=');
    const name = at < 0 ? arg : arg.slice(0, at);
    if (!NAME.test(name) || name.startsWith('on')) refused.push(name);
    else attrs.push(at < 0 ? ` ${name}` : ` ${name}="${escape(arg.slice(at + 1))}"`);
  }
  return [
    refused.length
      ? notice(`${widget} ignores the parameters ${refused.join(', ')} (lowercase names, not on…).`)
      : '',
    `<${widget}${attrs.join('')}>${link ? `<a href="${escape(link)}">${FALLBACK}</a>` : FALLBACK}</${widget}>`,
    `<script type="module" src="${escape(src)}"></script>`,
  ].join('');
}

hexo.extend.tag.register('normlab', normlabTag);
