// <pytorch-code>: a block of Python with a copy button. `code` is plain text, rendered as text.
import { hostStyle } from './host-style.js';
import { formControls } from './lib/controls-style.js';
import { codeBlock } from './lib/code-style.js';
import { LitElement, html, css } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { t } from '../i18n.js';

const TEXT = {
  show: { zh: '显示 PyTorch 代码', en: 'Show as PyTorch' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  failed: { zh: '无法复制，请手动选中', en: 'Could not copy; select the text instead' },
};

export class PytorchCode extends LitElement {
  static properties = {
    code: { type: String },
    lang: { type: String },
    open: { type: Boolean, reflect: true },
    status: { state: true },
  };

  static styles = [
    hostStyle,
    formControls,
    codeBlock,
    css`
      :host {
        display: block;
        margin: 0.5em 0;
      }
      pre {
        margin: 0.4em 0 0;
      }
      button {
        font-size: 0.85em;
        margin-top: 0.3em;
        padding: 0.15em 0.7em;
        background: transparent;
      }
      .status {
        margin-left: 0.5em;
        font-size: 0.85em;
      }
    `,
  ];

  constructor() {
    super();
    this.code = '';
    this.lang = 'en';
    new LangController(this);
    this.open = false;
    this.status = '';
  }

  async #copy() {
    try {
      await navigator.clipboard.writeText(this.code);
      this.status = t(this.lang, TEXT.copied);
    } catch {
      this.status = t(this.lang, TEXT.failed);
    }
  }

  render() {
    return html`<details ?open=${this.open} @toggle=${(e) => (this.open = e.target.open)}>
      <summary>${t(this.lang, TEXT.show)}</summary>
      <pre class="code-block"><code>${this.code}</code></pre>
      <button type="button" @click=${this.#copy}>${t(this.lang, TEXT.copy)}</button>
      <span class="status" role="status">${this.status}</span>
    </details>`;
  }
}

customElements.define('pytorch-code', PytorchCode);
