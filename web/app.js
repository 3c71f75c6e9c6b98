// <normlab-app>: the page shell. Header, language switch, table of contents, and the chapters.
// It renders into the light DOM so the prose is part of the document (search engines, readers,
// find-in-page); the widgets inside keep their own Shadow DOM.
import { LitElement, html } from 'lit';
import { CHAPTERS } from './chapters/index.js';
import { initialLanguage, rememberLanguage, t } from './i18n.js';
import './widgets/norm-playground.js';

const TEXT = {
  title: {
    zh: 'NormLab：归一化与优化器互动教程',
    en: 'NormLab: normalization and optimizers, interactively',
  },
  tagline: {
    zh: '页面上的每一个数字都来自在浏览器里运行的 C++ 内核，并与 PyTorch 逐位对照测试。',
    en: 'Every number on this page comes from C++ kernels running in your browser, tested against PyTorch.',
  },
  language: { zh: '语言', en: 'Language' },
  contents: { zh: '目录', en: 'Contents' },
};

export class NormLabApp extends LitElement {
  static properties = { lang: { state: true } };

  constructor() {
    super();
    this.lang = initialLanguage();
  }

  createRenderRoot() {
    return this;
  }

  willUpdate() {
    document.documentElement.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(this.lang, TEXT.title);
  }

  #setLanguage(lang) {
    this.lang = lang;
    rememberLanguage(lang);
  }

  render() {
    const lang = this.lang;
    return html`
      <header class="site-header">
        <h1>${t(lang, TEXT.title)}</h1>
        <p class="tagline">${t(lang, TEXT.tagline)}</p>
        <div class="controls" role="group" aria-label=${t(lang, TEXT.language)}>
          <button
            type="button"
            data-lang="zh"
            aria-pressed=${lang === 'zh'}
            @click=${() => this.#setLanguage('zh')}
          >
            中文
          </button>
          <button
            type="button"
            data-lang="en"
            aria-pressed=${lang === 'en'}
            @click=${() => this.#setLanguage('en')}
          >
            English
          </button>
        </div>
      </header>
      <nav aria-label=${t(lang, TEXT.contents)}>
        <ol>
          ${CHAPTERS.map((c) => html`<li><a href="#${c.id}">${t(lang, c.title)}</a></li>`)}
        </ol>
      </nav>
      <main>
        ${CHAPTERS.map(
          (c, i) =>
            html`<section data-chapter=${c.id} id=${c.id} aria-labelledby="${c.id}-title">
              <h2 id="${c.id}-title">${i + 1}. ${t(lang, c.title)}</h2>
              ${c.render({ lang })}
            </section>`,
        )}
      </main>
    `;
  }
}

customElements.define('normlab-app', NormLabApp);
