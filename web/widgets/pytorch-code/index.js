// <pytorch-code>: a block of Python with a copy button. `code` is plain text, rendered as text.
// Other widgets show it as a child: `import '../pytorch-code/index.js';` and
// `<pytorch-code .code=${python}></pytorch-code>`.
import { LitElement, html } from 'lit';
import { flagAttribute } from '../../model/parse.js';
import { LangController } from '../../controllers/lang-controller.js';
import { t } from '../../i18n.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';

export class PytorchCode extends LitElement {
  static properties = {
    code: { type: String },
    lang: { type: String },
    open: { type: Boolean, converter: flagAttribute, reflect: true },
    status: { state: true },
  };

  static styles = styles;

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
