// <param-table>: pick a normalization module and its options and see what PyTorch would list:
// named_parameters() (learnable), their total, and named_buffers() (not learnable), all read from
// the engine's module. An input shape can be checked against the module (no data is needed).
//   <param-table module="nn.BatchNorm2d(100)" input="20,100,35,45"></param-table>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import { t } from '../../i18n.js';
import { parseDims } from '../../model/parse.js';
import { moduleText } from '../../model/module-spec.js';
import { markStart, markEnd } from '../shared/measure.js';
import {
  FLAGS,
  opOf,
  moduleCodec,
  inputCodec,
  formProblems,
  formOptions,
  formOf,
  listModule,
} from './model.js';
import { paramCode } from './pytorch.js';
import { presets, classMenu, sizeFields, flagFields, listing, summary } from './view.js';
import { textField } from '../shared/text-field.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import '../pytorch-code/index.js';

export class ParamTable extends LitElement {
  static properties = {
    cls: { state: true },
    sizes: { state: true },
    flags: { state: true },
    input: { type: String },
    moduleAttr: { attribute: 'module' },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    errors: { state: true },
    result: { state: true },
    listed: { state: true },
  };

  static styles = styles;

  // the engine's arrival lists the module in the next update
  #engine = new EngineController(this, { onReady: () => (this.#stale = true) });
  #stale = false;

  constructor() {
    super();
    this.cls = 'BatchNorm2d';
    this.sizes = {
      num_features: '100',
      normalized_shape: '10',
      num_groups: '2',
      num_channels: '6',
    };
    this.flags = { ...FLAGS.batch_norm };
    this.input = '20, 100, 35, 45';
    this.moduleAttr = '';
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.errors = {};
    this.result = null;
    this.listed = null; // the last module the engine accepted: its listing stays on screen
    new HashStateController(this, { module: moduleCodec, input: inputCodec });
  }

  /** The engine, once loaded (null before). */
  get engine() {
    return this.#engine.value;
  }

  /** The module as Python text (the URL keeps this); setting it fills the form. */
  get module() {
    const options = formOptions(this);
    return options ? moduleText(options) : undefined;
  }

  set module(text) {
    const { cls, sizes, flags } = formOf(text, this.sizes);
    this.cls = cls;
    this.sizes = sizes;
    this.flags = flags;
    this.errors = {};
  }

  willUpdate(changed) {
    if (changed.has('moduleAttr') && this.moduleAttr) {
      try {
        this.module = this.moduleAttr;
      } catch (err) {
        this.stateNotice = `module: ${err.message}`;
      }
    }
    const inputs = ['cls', 'sizes', 'flags', 'input'];
    if (this.engine && (this.#stale || inputs.some((k) => changed.has(k)))) this.#compute();
  }

  updated() {
    markEnd('param-table');
  }

  #compute() {
    markStart('param-table');
    this.#stale = false;
    const problems = formProblems(this);
    this.errors = Object.fromEntries(
      Object.entries(problems).map(([key, problem]) => [
        key,
        problem === 'shapeBad' ? t(this.lang, TEXT.shapeBad) : t(this.lang, TEXT[problem])(key),
      ]),
    );
    const options = formOptions(this);
    if (!options) return; // the previous listing stays; the field says what is wrong
    const shape = this.input.trim() ? parseDims(this.input) : null;
    const next = listModule(this.engine, options, shape);
    this.result = next;
    if (!next.error) this.listed = next;
  }

  #setClass(cls) {
    this.cls = cls;
    this.flags = { ...FLAGS[opOf(cls)] };
  }

  #preset(module, input) {
    this.module = module;
    this.input = input;
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    return html`
      ${presets(lang, (module, input) => this.#preset(module, input))}
      <div class="controls">
        ${classMenu(lang, this.cls, (cls) => this.#setClass(cls))}
        ${sizeFields(lang, this, (key, text) => (this.sizes = { ...this.sizes, [key]: text }))}
        ${flagFields(this, (key, checked) => (this.flags = { ...this.flags, [key]: checked }))}
        ${textField({
          key: 'input',
          label: t(lang, TEXT.input),
          value: this.input,
          error: this.errors.input,
          invalid: Boolean(this.errors.input || r?.inputError),
          onInput: (e) => (this.input = e.target.value),
        })}
      </div>
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${r?.error ? html`<p class="error module-error" role="alert">${r.text}: ${r.error}</p>` : nothing}
      ${
        this.listed
          ? html`${listing(this.listed)}
              <div aria-live="polite">${summary(this.listed, lang)}</div>
              <pytorch-code .code=${paramCode(this.listed)}></pytorch-code>`
          : r
            ? nothing
            : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
    `;
  }
}

customElements.define('param-table', ParamTable);
