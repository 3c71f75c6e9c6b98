// docs.html: every widget, live, with its copy-paste snippets and its attribute reference, in
// Chinese and English (the switch is the tutorial's: remembered, `#lang=zh` in a link). Built with
// DOM calls only (the page runs under a strict CSP and nothing here is HTML from strings).
import './styles/page.css';
import { WIDGET_TAGS } from './widgets.js';
import { getEngine } from './engine/shared.js';
import { CATALOG, iframeSnippet } from './docs-catalog.js';
import { attributeReference } from './widgets/lib/attribute-reference.js';
import { THEME } from './widgets/host-style.js';
import { LANGUAGES, initialLanguage, rememberLanguage, t } from './i18n.js';
import { applyTheme, currentTheme } from './theme.js';
import { providePageLang } from './controllers/lang-controller.js';

const TEXT = {
  title: { zh: 'NormLab 组件', en: 'NormLab widgets' },
  pageTitle: {
    zh: 'NormLab 组件：嵌入你自己的页面',
    en: 'NormLab widgets: embed them in your own pages',
  },
  tagline: {
    zh: '教程里的每个组件都能单独放进你的页面。它们用同一套编译成 WebAssembly 的 C++ 内核计算，自带颜色和字体（Shadow DOM），宿主页面的 CSS 影响不到它们。',
    en: 'Every widget of the tutorial works alone in your own page. Each one computes with the same C++ kernels, compiled to WebAssembly, brings its own colours and type, and keeps the host page’s CSS out (Shadow DOM).',
  },
  back: { zh: '← 回到教程', en: '← Back to the tutorial' },
  language: { zh: '语言', en: 'Language' },
  how: { zh: '怎样嵌入', en: 'How to embed' },
  blogTitle: { zh: '博客文章里（ES 模块）', en: 'In a blog post (ES module)' },
  blog: {
    zh: '把 dist/ 里的 normlab-widgets.js 复制到文章旁边（它包含所有组件和 WebAssembly 引擎），加一个 script 标签，再写下面任意一个组件标签。标签里的链接是后备内容：组件加载之前、或者脚本不能运行的地方，读者看到的是它。',
    en: 'Copy normlab-widgets.js from dist/ next to your post (it holds every widget and the WebAssembly engine), add one script tag, then any widget tag below. The link inside a tag is its fallback: readers see it until the widget is defined, and wherever scripts cannot run.',
  },
  classicTitle: {
    zh: '从磁盘打开、或不支持 ES 模块的平台',
    en: 'From disk (file://), or on a host without ES modules',
  },
  classic: {
    zh: '浏览器不会从 file:// 加载 ES 模块。改用 normlab-widgets.iife.js：同样的组件，一个普通脚本，WebAssembly 已内联，断网也能用。',
    en: 'Browsers do not load ES modules from file://. Use normlab-widgets.iife.js instead: the same widgets as one classic script, the WebAssembly inlined, working with the network off.',
  },
  iframeTitle: { zh: 'iframe', en: 'An iframe' },
  iframe: {
    zh: '把 dist/ 里的 embed.html 和整个 assets/ 文件夹一起复制到你的网站（放在同一目录下），然后用下面的 iframe 片段。片段里的几行脚本只需放一次：embed.html 用 postMessage 报告自己的高度，脚本据此调整每个 data-normlab 框架的高度，框架里不会出现滚动条。',
    en: 'Copy embed.html and the whole assets/ folder from dist/ to your site, side by side, then use an iframe snippet below. Its few lines of script are needed once per page: embed.html reports its height by postMessage, and the script sets each data-normlab frame to that height, so the frame never scrolls.',
  },
  checksTitle: { zh: '属性检查', en: 'Attributes are checked' },
  checks: {
    zh: '属性和教程链接里的状态用同一套检查：不被接受的属性（超出范围的形状、NaN、未知的取值）会在组件里显示一条说明，组件用默认值继续工作。太大、画不下的形状会被拒绝，页面不会卡住。',
    en: 'Attributes get the same checks as the tutorial’s links: a refused one (a shape out of range, NaN, an unknown choice) is named in a notice inside the widget, which goes on with its default. A shape too large to draw is refused; the page never freezes.',
  },
  themeTitle: { zh: '颜色与深浅色', en: 'Colours, light and dark' },
  theme: {
    zh: '组件自己画背景，默认跟随读者系统的深浅色（prefers-color-scheme）；theme="light" 或 theme="dark" 强制其一。下面的 CSS 自定义属性都有默认值，可以在宿主页面里覆盖（写在 :root、任何祖先元素或组件标签上）。',
    en: 'A widget paints its own background and follows the reader’s system (prefers-color-scheme); theme="light" or theme="dark" forces one. Every CSS custom property below has a default and may be overridden by the host page (on :root, any ancestor, or the widget’s tag).',
  },
  property: { zh: '自定义属性', en: 'Custom property' },
  light: { zh: '浅色默认值', en: 'Light default' },
  dark: { zh: '深色默认值', en: 'Dark default' },
  blogSnippet: { zh: '放进博客文章', en: 'In a blog post' },
  iframeSnippet: { zh: '作为 iframe', en: 'As an iframe' },
  classicSnippet: { zh: '普通脚本（file://）', en: 'Classic script (file://)' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  noCopy: { zh: '无法复制，请手动选中文本', en: 'Could not copy; select the text instead' },
  attributes: { zh: (tag) => `<${tag}> 的属性`, en: (tag) => `Attributes of <${tag}>` },
  name: { zh: '属性', en: 'Attribute' },
  type: { zh: '类型', en: 'Type' },
  range: { zh: '范围', en: 'Range' },
  default: { zh: '默认值', en: 'Default' },
  widgets: { zh: '组件', en: 'Widgets' },
  fallback: {
    zh: 'NormLab：交互图（在教程页面上打开）',
    en: 'NormLab: an interactive figure (open it on the tutorial page)',
  },
};

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

const escapeAttribute = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const attributeText = (attrs) =>
  Object.entries(attrs)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttribute(v)}"`))
    .join('');

/** The tutorial this page came with: the fallback link of every snippet. */
const livePage = () => new URL('./index.html', location.href).href;

function snippetBlock(lang, label, text) {
  const status = el('span', { class: 'copy-status', role: 'status' });
  const button = el('button', { type: 'button', class: 'copy' }, t(lang, TEXT.copy));
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = t(lang, TEXT.copied);
    } catch {
      status.textContent = t(lang, TEXT.noCopy);
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

function table(caption, head, rows) {
  return el(
    'div',
    { class: 'reference', tabindex: '0', role: 'region', 'aria-label': caption },
    el(
      'table',
      {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...rows.map(([first, ...rest]) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, el('code', {}, first)),
            ...rest.map((c) => el('td', {}, c)),
          ),
        ),
      ),
    ),
  );
}

function referenceTable(lang, tag) {
  const rows = attributeReference(tag).map((r) => [
    r.name,
    t(lang, r.type),
    t(lang, r.range),
    t(lang, r.default),
  ]);
  return table(
    t(lang, TEXT.attributes)(tag),
    [TEXT.name, TEXT.type, TEXT.range, TEXT.default].map((h) => t(lang, h)),
    rows,
  );
}

function blogSnippet(lang, tag, attrs, script) {
  const fallback = `<a href="${livePage()}">${t(lang, TEXT.fallback)}</a>`;
  return `${script}\n<${tag}${attributeText(attrs)}>${fallback}</${tag}>`;
}

function widgetSection(lang, [tag, description, attrs]) {
  const shown = { ...attrs, ...(lang === 'en' ? {} : { lang }) };
  const blog = blogSnippet(
    lang,
    tag,
    shown,
    '<script type="module" src="normlab-widgets.js"></script>',
  );
  const hash = new URLSearchParams({ widget: tag, ...shown }).toString();
  const live = el('div', { class: 'live' });
  const section = el(
    'section',
    { id: tag, 'aria-labelledby': `${tag}-title` },
    el('h2', { id: `${tag}-title` }, el('code', {}, `<${tag}>`)),
    el('p', {}, t(lang, description)),
    live,
    snippetBlock(lang, t(lang, TEXT.blogSnippet), blog),
    snippetBlock(lang, t(lang, TEXT.iframeSnippet), iframeSnippet(tag, hash)),
    referenceTable(lang, tag),
  );
  // a widget starts computing only when its section comes near the view
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      const widget = document.createElement(tag);
      for (const [k, v] of Object.entries(shown)) widget.setAttribute(k, v);
      live.append(widget);
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(section);
  return section;
}

function howSection(lang) {
  const p = (text) => el('p', {}, t(lang, text));
  const h3 = (text) => el('h3', {}, t(lang, text));
  const example = ['norm-cube', { kind: 'group', shape: '2,6,4,4', groups: '3' }];
  return el(
    'section',
    { 'aria-labelledby': 'how' },
    el('h2', { id: 'how' }, t(lang, TEXT.how)),
    h3(TEXT.blogTitle),
    p(TEXT.blog),
    h3(TEXT.classicTitle),
    p(TEXT.classic),
    snippetBlock(
      lang,
      t(lang, TEXT.classicSnippet),
      blogSnippet(lang, ...example, '<script src="normlab-widgets.iife.js"></script>'),
    ),
    h3(TEXT.iframeTitle),
    p(TEXT.iframe),
    h3(TEXT.checksTitle),
    p(TEXT.checks),
    h3(TEXT.themeTitle),
    p(TEXT.theme),
    table(
      t(lang, TEXT.themeTitle),
      [TEXT.property, TEXT.light, TEXT.dark].map((h) => t(lang, h)),
      Object.entries(THEME).map(([name, [light, dark]]) => [name, light, dark]),
    ),
  );
}

function languageSwitch(lang) {
  const group = el('div', {
    role: 'group',
    'aria-label': t(lang, TEXT.language),
    class: 'controls',
  });
  for (const [code, label, tagLang] of [
    ['zh', '中文', 'zh-CN'],
    ['en', 'English', 'en'],
  ]) {
    const button = el(
      'button',
      { type: 'button', lang: tagLang, 'aria-pressed': String(code === lang) },
      label,
    );
    button.addEventListener('click', () => {
      if (code === currentLang) return;
      rememberLanguage(code);
      render(code);
    });
    group.append(button);
  }
  return group;
}

let currentLang = 'en';
// the live examples without a lang attribute follow the page (controllers/lang-controller.js)
const providePage = providePageLang(document.body, currentLang);

function render(lang) {
  currentLang = lang;
  providePage(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, TEXT.pageTitle);
  const header = document.querySelector('.site-header');
  header.replaceChildren(
    el('h1', {}, t(lang, TEXT.title)),
    el('p', { class: 'tagline' }, t(lang, TEXT.tagline)),
    languageSwitch(lang),
    el('p', {}, el('a', { href: `./index.html#lang=${lang}` }, t(lang, TEXT.back))),
  );
  const catalog = document.getElementById('catalog');
  const documented = CATALOG.filter(([tag]) => WIDGET_TAGS.includes(tag));
  catalog.replaceChildren(
    howSection(lang),
    el(
      'nav',
      { 'aria-label': t(lang, TEXT.widgets) },
      el(
        'ul',
        {},
        ...documented.map(([tag]) => el('li', {}, el('a', { href: `#${tag}` }, `<${tag}>`))),
      ),
    ),
    ...documented.map((entry) => widgetSection(lang, entry)),
  );
}

/** `#lang=zh` in the link, else the tutorial's remembered choice, else the browser's. */
function startLanguage() {
  const fromLink = new URLSearchParams(location.hash.replace(/^#/, '')).get('lang');
  return LANGUAGES.includes(fromLink) ? fromLink : initialLanguage();
}

applyTheme(currentTheme());
render(startLanguage());
getEngine().then(
  () => (document.documentElement.dataset.engine = 'ready'),
  (err) => {
    document.documentElement.dataset.engine = 'failed';
    console.error('NormLab: the engine could not be loaded:', err);
  },
);
