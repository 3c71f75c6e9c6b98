// <count-table>: how many mean/variance pairs a module computes on an input shape, over how many
// elements each, and the shapes of γ and β: one row per (module, shape), all from the engine's
// statistics plan. The reader adds rows of their own.
//   <count-table rows="nn.LayerNorm(4) | 2,3,4; nn.BatchNorm2d(3) | 2,3,4,4"></count-table>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import { t } from '../../i18n.js';
import { numel } from '../../model/shape.js';
import { parseModule, specMessage } from '../../model/module-spec.js';
import { markStart, markEnd } from '../shared/measure.js';
import {
  MAX_ROWS,
  MAX_ELEMENTS,
  parseBigShape,
  parseRows,
  rowsCodec,
  measureRow,
} from './model.js';
import { table, addForm } from './view.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';

export class CountTable extends LitElement {
  static properties = {
    // a refused rows attribute is named by the state controller (same check as the link's)
    rows: {
      converter: {
        fromAttribute: (text) => {
          try {
            return parseRows(text);
          } catch {
            return undefined;
          }
        },
      },
    },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    moduleDraft: { state: true },
    shapeDraft: { state: true },
    formError: { state: true },
    formErrorField: { state: true }, // which field the message is about: 'module', 'shape' or ''
    computed: { state: true },
  };

  static styles = styles;

  // the engine's arrival computes the rows in the next update
  #engine = new EngineController(this, { onReady: () => (this.#stale = true) });
  #stale = false;

  constructor() {
    super();
    this.rows = [];
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.moduleDraft = 'nn.GroupNorm(3, 3)';
    this.shapeDraft = '2, 3, 4, 4';
    this.formError = '';
    this.formErrorField = '';
    this.computed = null;
    new HashStateController(this, { rows: rowsCodec });
  }

  /** The engine, once loaded (null before). */
  get engine() {
    return this.#engine.value;
  }

  willUpdate(changed) {
    if (this.engine && (this.#stale || changed.has('rows'))) this.#compute();
  }

  updated() {
    markEnd('count-table');
  }

  #compute() {
    markStart('count-table');
    this.#stale = false;
    this.computed = this.rows.map((row) => ({
      ...row,
      ...measureRow(this.engine, row, this.lang),
    }));
  }

  #add(event) {
    event.preventDefault();
    if (this.rows.length >= MAX_ROWS) {
      this.#setFormError('', t(this.lang, TEXT.full));
      return;
    }
    try {
      parseModule(this.moduleDraft);
    } catch (err) {
      this.#setFormError('module', specMessage(err, this.lang));
      return;
    }
    const shape = parseBigShape(this.shapeDraft);
    if (!shape) {
      this.#setFormError('shape', t(this.lang, TEXT.shapeBad));
      return;
    }
    if (numel(shape) > MAX_ELEMENTS) {
      this.#setFormError('shape', t(this.lang, TEXT.tooMany)(numel(shape), MAX_ELEMENTS));
      return;
    }
    this.#setFormError('', '');
    this.rows = [...this.rows, { module: this.moduleDraft.trim(), shape }];
  }

  /** Why a row was not added (empty once one is), and the field it is about (marked invalid). */
  #setFormError(field, message) {
    this.formError = message;
    this.formErrorField = field;
  }

  #remove(i) {
    this.rows = this.rows.filter((_, k) => k !== i);
  }

  render() {
    const lang = this.lang;
    if (!this.computed) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    return html`${table(lang, this.computed, (i) => this.#remove(i))}
    ${addForm(lang, this, {
      submit: (e) => this.#add(e),
      module: (text) => (this.moduleDraft = text),
      shape: (text) => (this.shapeDraft = text),
    })}
    ${
      this.stateNotice
        ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
        : nothing
    }`;
  }
}

customElements.define('count-table', CountTable);
