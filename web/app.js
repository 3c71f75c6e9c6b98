// <normlab-app>: the page shell. Header, language switch, table of contents, and the chapters.
// It renders into the light DOM so the prose is part of the document (search engines, readers,
// find-in-page); the widgets inside keep their own Shadow DOM.
// Shareable state: `lang` and `ch` (the chapter in view) are entries of the URL hash table.
// A chapter's widgets are built when the reader comes within a few screens of it (and stay
// built), so opening the page computes only what is in view.
import { LitElement, html, nothing } from 'lit';
import { CHAPTERS } from './chapters/index.js';
import { initialLanguage, rememberLanguage, t, LANGUAGES } from './i18n.js';
import { getPageState } from './state/url-state.js';
import { THEMES, currentTheme, applyTheme } from './theme.js';
import { providePageLang } from './controllers/lang-controller.js';
import './widgets/self-check/index.js';
import './widgets/pytorch-code/index.js';

const TEXT = {
  title: {
    zh: 'NormLab：归一化与优化器互动教程',
    en: 'NormLab: normalization and optimizers, interactively',
  },
  tagline: {
    zh: '页面上的每一个数字都来自在浏览器里运行的 C++ 内核，并逐个用例与 PyTorch 的结果对照测试（在浮点误差容限内一致）。',
    en: 'Every number on this page comes from C++ kernels running in your browser, tested against PyTorch case by case, within floating-point tolerances.',
  },
  language: { zh: '语言', en: 'Language' },
  theme: { zh: '配色', en: 'Theme' },
  themes: {
    system: { zh: '跟随系统', en: 'System' },
    light: { zh: '浅色', en: 'Light' },
    dark: { zh: '深色', en: 'Dark' },
  },
  contents: { zh: '目录', en: 'Contents' },
  embed: {
    zh: '把这些组件嵌入你自己的博客或网页',
    en: 'Embed these widgets in your own blog or page',
  },
  offline: { zh: '离线版（单个 HTML 文件）', en: 'Offline version (one HTML file)' },
  ignored: {
    zh: '链接中有无法识别的部分，已忽略：',
    en: 'Part of the link could not be read and was ignored: ',
  },
};

export class NormLabApp extends LitElement {
  static properties = {
    lang: { state: true },
    notice: { state: true },
    theme: { state: true },
    built: { state: true },
  };

  constructor() {
    super();
    this.state = getPageState();
    const fromLink = this.state.get('lang');
    this.lang = LANGUAGES.includes(fromLink) ? fromLink : initialLanguage();
    // every widget below reads the language from here (controllers/lang-controller.js)
    this.#provideLang = providePageLang(this, this.lang);
    this.notice =
      fromLink !== undefined && !LANGUAGES.includes(fromLink) ? `lang: "${fromLink}"` : '';
    const linked = CHAPTERS.findIndex((c) => c.id === this.state.get('ch'));
    this.built = new Set([CHAPTERS[0].id, ...(linked > 0 ? [CHAPTERS[linked].id] : [])]);
  }

  #provideLang;

  #build(id) {
    if (!this.built.has(id)) this.built = new Set([...this.built, id]);
  }

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.addEventListener(
      'state-notice',
      (e) => (this.notice = /** @type {CustomEvent} */ (e).detail),
    );
  }

  firstUpdated() {
    this.approach = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) this.#build(e.target.id);
      },
      { rootMargin: '150% 0px' },
    );
    for (const section of this.querySelectorAll('section[data-chapter]'))
      this.approach.observe(section);
    const ch = this.state.get('ch');
    if (ch && CHAPTERS.some((c) => c.id === ch)) {
      requestAnimationFrame(() => this.querySelector(`#${ch}`)?.scrollIntoView());
    }
  }

  willUpdate() {
    this.#provideLang(this.lang);
    document.documentElement.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(this.lang, TEXT.title);
  }

  #setLanguage(lang) {
    this.lang = lang;
    rememberLanguage(lang);
    this.state.set('lang', lang);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.approach?.disconnect();
  }

  #goTo(event, id) {
    event.preventDefault();
    this.state.set('ch', id);
    this.#build(id);
    const section = this.querySelector(`#${id}`);
    section?.scrollIntoView({
      behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
    });
    section?.querySelector('h2')?.focus({ preventScroll: true });
  }

  render() {
    const lang = this.lang;
    return html`
      <header class="site-header">
        <h1>${t(lang, TEXT.title)}</h1>
        <p class="tagline">${t(lang, TEXT.tagline)}</p>
        <div class="controls">
          <div role="group" aria-label=${t(lang, TEXT.language)}>
            <button
              type="button"
              lang="zh-CN"
              aria-pressed=${lang === 'zh'}
              @click=${() => this.#setLanguage('zh')}
            >
              中文
            </button>
            <button
              type="button"
              lang="en"
              aria-pressed=${lang === 'en'}
              @click=${() => this.#setLanguage('en')}
            >
              English
            </button>
          </div>
          <label
            >${t(lang, TEXT.theme)}
            <select
              @change=${(e) => {
                this.theme = e.target.value;
                applyTheme(this.theme, true);
              }}
            >
              ${THEMES.map(
                (name) =>
                  html`<option value=${name} ?selected=${this.theme === name}>
                    ${t(lang, TEXT.themes[name])}
                  </option>`,
              )}
            </select>
          </label>
        </div>
        ${
          this.notice
            ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.notice}</p>`
            : nothing
        }
      </header>
      <nav aria-label=${t(lang, TEXT.contents)}>
        <ol>
          ${CHAPTERS.map(
            (c) =>
              html`<li>
                <a href="#ch=${c.id}" @click=${(e) => this.#goTo(e, c.id)}>${t(lang, c.title)}</a>
              </li>`,
          )}
        </ol>
      </nav>
      <main>
        ${CHAPTERS.map(
          (c, i) =>
            html`<section data-chapter=${c.id} id=${c.id} aria-labelledby="${c.id}-title">
              <h2 id="${c.id}-title" tabindex="-1">${i + 1}. ${t(lang, c.title)}</h2>
              ${
                this.built.has(c.id)
                  ? c.render({ lang })
                  : html`<div class="chapter-pending" aria-busy="true"></div>`
              }
            </section>`,
        )}
      </main>
      <footer class="site-footer">
        <p>
          <a href="./docs.html#lang=${lang}">${t(lang, TEXT.embed)}</a> ·
          <a href="./normlab-offline.html" download>${t(lang, TEXT.offline)}</a>
        </p>
      </footer>
    `;
  }
}

customElements.define('normlab-app', NormLabApp);
