// <normlab-update-banner>: "a new version is ready", with a button that reloads into it and one
// that puts it off. It never reloads by itself: a learner may be in the middle of an exercise.
// The message is a polite live region (role=status) that is on the page, empty, from the start, so
// screen readers announce it when it fills; focus stays where the learner is. The text follows the
// page's language (<html lang>, set by the tutorial's switch).
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';

const TEXT = {
  ready: { zh: '新版本已就绪。', en: 'A new version is ready.' },
  reload: { zh: '重新载入', en: 'Reload' },
  later: { zh: '稍后', en: 'Later' },
};

const pageLanguage = () => (document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');

export class UpdateBanner extends LitElement {
  static properties = {
    ready: { type: Boolean, reflect: true },
    lang: { state: true },
  };

  static styles = css`
    :host {
      position: fixed;
      inset: auto 1rem 1rem auto;
      z-index: 10;
      max-width: calc(100vw - 2rem);
      font: inherit;
    }
    :host(:not([ready])) {
      /* the empty live region stays in the document, out of sight and out of the way */
      inset: auto auto 0 0;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      padding: 0.6rem 0.8rem;
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 8px;
      background: var(--nl-bg, #ffffff);
      color: var(--nl-fg, #1d2330);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.25);
    }
    p {
      margin: 0;
    }
    button {
      font: inherit;
      padding: 0.25rem 0.8rem;
      border-radius: 6px;
      border: 1px solid var(--nl-accent, #1f5fcc);
      background: var(--nl-bg, #ffffff);
      color: var(--nl-accent, #1f5fcc);
      cursor: pointer;
    }
    button.reload {
      background: var(--nl-accent, #1f5fcc);
      color: var(--nl-bg, #ffffff);
    }
    button:focus-visible {
      outline: 3px solid var(--nl-focus, #1f6feb);
      outline-offset: 2px;
    }
  `;

  constructor() {
    super();
    this.ready = false;
    this.lang = pageLanguage();
    this.watchLanguage = new MutationObserver(() => (this.lang = pageLanguage()));
  }

  connectedCallback() {
    super.connectedCallback();
    this.watchLanguage.observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.watchLanguage.disconnect();
  }

  /** Shows the message and its buttons. */
  show() {
    this.ready = true;
  }

  #reload() {
    this.dispatchEvent(new CustomEvent('update-requested', { bubbles: true, composed: true }));
  }

  render() {
    const lang = this.lang;
    return html`<div class=${this.ready ? 'bar' : ''} lang=${lang === 'zh' ? 'zh-CN' : 'en'}>
      <p role="status">${this.ready ? t(lang, TEXT.ready) : nothing}</p>
      ${
        this.ready
          ? html`<button type="button" class="reload" @click=${() => this.#reload()}>
                ${t(lang, TEXT.reload)}
              </button>
              <button type="button" @click=${() => (this.ready = false)}>
                ${t(lang, TEXT.later)}
              </button>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('normlab-update-banner', UpdateBanner);
