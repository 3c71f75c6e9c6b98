// embed.html#widget=norm-cube&kind=group&shape=2,6,4,4&groups=3&lang=zh shows one widget, for an
// iframe. The hash only names a registered NormLab widget and sets attributes on it (never an
// event handler, never HTML); anything else is refused with a notice.
import './styles/page.css';
import { WIDGET_TAGS } from './widgets.js';
import { getEngine } from './engine/shared.js';
import { LANGUAGES } from './i18n.js';
import { providePageLang } from './controllers/lang-controller.js';

const ATTRIBUTE = /^(?!on)[a-z][a-z0-9-]{0,40}$/;

export function widgetFromHash(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const tag = params.get('widget');
  if (!WIDGET_TAGS.includes(tag)) {
    return { error: `Unknown widget "${tag ?? ''}". Available: ${WIDGET_TAGS.join(', ')}.` };
  }
  const attributes = [];
  const refused = [];
  for (const [name, value] of params) {
    if (name === 'widget') continue;
    if (ATTRIBUTE.test(name) && value.length <= 20_000) attributes.push([name, value]);
    else refused.push(name.slice(0, 40));
  }
  return { tag, attributes, refused };
}

// the widget's language, and its children's, when the hash names one (controllers/lang-controller.js)
const providePage = providePageLang(document.getElementById('widget'), 'en');

function show() {
  const host = document.getElementById('widget');
  host.replaceChildren();
  const spec = widgetFromHash(location.hash);
  if (spec.error) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = spec.error;
    host.append(p);
    return;
  }
  const el = document.createElement(spec.tag);
  for (const [name, value] of spec.attributes) el.setAttribute(name, value);
  const lang = spec.attributes.find(([n]) => n === 'lang')?.[1];
  if (LANGUAGES.includes(lang)) {
    el.lang = lang;
    providePage(lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }
  if (spec.refused.length) {
    const p = document.createElement('p');
    p.setAttribute('role', 'status');
    p.textContent = `Ignored: ${spec.refused.join(', ')}`;
    host.append(p);
  }
  host.append(el);
}

/**
 * The page's height, posted to the page that frames it whenever it changes, so the documented
 * snippet (docs.html, EMBED_LISTENER) sizes the iframe to its content: no inner scroll bar.
 */
export function reportHeight(win = window) {
  if (win.parent === win) return;
  let last = -1;
  const post = () => {
    const height = Math.ceil(win.document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    win.parent.postMessage({ type: 'normlab:height', height }, '*');
  };
  new ResizeObserver(post).observe(win.document.body);
  post();
}

show();
window.addEventListener('hashchange', show);
reportHeight();
getEngine().then(
  () => (document.documentElement.dataset.engine = 'ready'),
  (err) => {
    document.documentElement.dataset.engine = 'failed';
    console.error('NormLab: the engine could not be loaded:', err);
  },
);
