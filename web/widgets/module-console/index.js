// <module-console>: write a torch.nn normalization module and an input tensor, run it, and read
// what PyTorch would answer: the output, or PyTorch's own error message word for word (from the
// engine). A transcript keeps the last runs, so a mistake and its fix can be compared; a list of
// classic mistakes sets up each one in a click.
//   <module-console module="nn.LayerNorm([3, 4])" shape="8,6,3,4"></module-console>
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { parseList, parseShape } from '../../model/parse.js';
import { numel } from '../../model/shape.js';
import { markStart, markEnd } from '../shared/measure.js';
import { HISTORY, MAX_MODULE_TEXT, moduleCodec, randomValues, runEntry } from './model.js';
import { consoleCode } from './pytorch.js';
import { mistakes, moduleForm, transcript } from './view.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

export class ModuleConsole extends LitElement {
  static properties = {
    module: { type: String },
    shape: { converter: { fromAttribute: (text) => parseShape(text).shape ?? [2, 3, 4] } },
    values: {
      converter: {
        fromAttribute: (text) => {
          const r = parseList(text);
          return r.values ? Float32Array.from(r.values) : null;
        },
      },
    },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    history: { state: true },
    last: { state: true },
  };

  static styles = styles;

  // the engine's arrival runs the module once, in the next update (after the values are there)
  #engine = new EngineController(this, { onReady: () => (this.#stale = true) });
  #stale = false;

  constructor() {
    super();
    // a module that works on the default input: the chapter opens on a clean run, and the
    // mistakes are the learner's own, one click away
    this.module = 'nn.LayerNorm([3, 4])';
    this.shape = [8, 6, 3, 4];
    this.values = null;
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.history = [];
    this.last = null;
    this.draft = null;
    new HashStateController(this, {
      module: moduleCodec,
      shape: codec.shape,
      values: codec.floats,
    });
  }

  /** The engine, once loaded (null before). */
  get engine() {
    return this.#engine.value;
  }

  acceptState(prop, value) {
    return prop !== 'values' || value.length === numel(this.shape);
  }

  willUpdate() {
    if (!this.values || this.values.length !== numel(this.shape)) {
      this.values = randomValues(numel(this.shape));
    }
    if (this.#stale && this.engine) {
      this.#stale = false;
      if (!this.history.length) this.run();
    }
  }

  updated() {
    markEnd('module-console');
  }

  /** Runs the module text on the tensor and records the outcome in the transcript. */
  run(module = this.module) {
    if (!this.engine) return;
    markStart('module-console');
    const { entry, result } = runEntry(this.engine, module, this.values, this.shape, this.lang);
    if (result) this.last = { ...result, shape: [...this.shape], module, values: this.values };
    this.history = [entry, ...this.history].slice(0, HISTORY);
  }

  #submit(event) {
    event.preventDefault();
    const text = (this.draft ?? this.module).trim();
    // answered in the transcript, but neither the link nor the field's text is replaced by it
    if (text.length > MAX_MODULE_TEXT) {
      this.run(text);
      return;
    }
    if (this.draft !== null) this.module = text;
    this.draft = null;
    this.run();
  }

  async #mistake(module, shape) {
    this.module = module;
    this.draft = null;
    if (shape.join() !== this.shape.join()) {
      this.shape = shape;
      this.values = randomValues(numel(shape));
    }
    await this.updateComplete;
    this.run();
  }

  render() {
    const lang = this.lang;
    // the field is marked while the latest run, the first entry of the transcript, failed
    const latest = this.history[0];
    const failed = Boolean(latest && (latest.moduleError || latest.runError));
    return html`
      ${mistakes(lang, (module, shape) => this.#mistake(module, shape))}
      ${moduleForm(
        lang,
        { text: this.draft ?? this.module, failed },
        { submit: (e) => this.#submit(e), input: (text) => (this.draft = text) },
      )}
      <p class="caption">${t(lang, TEXT.input)}</p>
      <tensor-editor
        label="input"
        .shape=${this.shape}
        .values=${this.values}
        shape-editable
        collapsible
        @tensor-change=${(e) => {
          if (e.detail.shape.join() !== this.shape.join()) this.shape = e.detail.shape;
          this.values = e.detail.values;
        }}
      ></tensor-editor>
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <p class="caption" id="transcript-label">${t(lang, TEXT.transcript)}</p>
      <div aria-live="polite">
        ${transcript(lang, { ready: Boolean(this.engine), history: this.history })}
      </div>
      ${
        this.history.length
          ? html`<button type="button" @click=${() => (this.history = [])}>
              ${t(lang, TEXT.clear)}
            </button>`
          : nothing
      }
      ${
        this.last
          ? html`<p class="caption">${t(lang, TEXT.output)}: <code>${this.last.module}</code></p>
              <tensor-editor
                readonly
                label="output"
                .shape=${this.last.shape}
                .values=${this.last.output}
                .groups=${this.last.group}
              ></tensor-editor>`
          : nothing
      }
      <pytorch-code .code=${consoleCode(this.module, this.values, this.shape)}></pytorch-code>
    `;
  }
}

customElements.define('module-console', ModuleConsole);
