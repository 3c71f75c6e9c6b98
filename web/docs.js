// docs.html: every widget, live, with its copy-paste snippets. Built with DOM calls only (the
// page runs under a strict CSP and nothing here is HTML from strings).
import './styles/page.css';
import { WIDGET_TAGS } from './widgets.js';
import { getEngine } from './engine/shared.js';
import { CATALOG, iframeSnippet } from './docs-catalog.js';

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
  const iframe = iframeSnippet(tag, hash);
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
