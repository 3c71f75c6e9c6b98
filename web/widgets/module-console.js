// <module-console>: write a torch.nn normalization module and an input tensor, run it, and read
// what PyTorch would answer: the output, or PyTorch's own error message word for word (from the
// engine). A transcript keeps the last runs, so a mistake and its fix can be compared; a list of
// classic mistakes sets up each one in a click.
//   <module-console module="nn.LayerNorm([3, 4])" shape="8,6,3,4"></module-console>
import { hostStyle } from './shared/host-style.js';
import { formControls } from './shared/controls-style.js';
import { codeBlock } from './shared/code-style.js';
import { fieldInput } from './shared/text-field.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t } from '../i18n.js';
import { tensorLiteral } from '../model/pytorch.js';
import { parseList, parseShape } from '../model/parse.js';
import { numel, formatShape } from '../model/shape.js';
import { parseModule, specMessage } from '../model/module-spec.js';
import { runModule } from '../model/run-module.js';
import { markStart, markEnd } from './shared/measure.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const TEXT = {
  module: { zh: '模块', en: 'Module' },
  run: { zh: '运行', en: 'Run' },
  input: { zh: '输入张量（input）', en: 'Input tensor (input)' },
  output: { zh: '输出（最近一次成功的运行）', en: 'Output (the last run that worked)' },
  mistakes: {
    zh: '试试这些常见错误（以及改正）：',
    en: 'Try these classic mistakes (and their fixes):',
  },
  transcript: { zh: '运行记录', en: 'Transcript' },
  empty: { zh: '还没有运行。', en: 'Nothing run yet.' },
  ok: {
    zh: (shape, n) => `输出形状 ${shape}；计算了 ${n} 组均值和方差`,
    en: (shape, n) => `output of shape ${shape}; ${n} mean/variance pairs computed`,
  },
  params: { zh: (list) => `；参数 ${list}`, en: (list) => `; parameters ${list}` },
  clear: { zh: '清空记录', en: 'Clear transcript' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  fix: { zh: '改正', en: 'fix' },
};

// [module, input shape, is it the fix of the mistake before it]
const MISTAKES = [
  ['nn.LayerNorm([6, 3])', [8, 6, 3, 4], false],
  ['nn.LayerNorm([3, 4])', [8, 6, 3, 4], true],
  ['nn.BatchNorm2d(3)', [2, 3, 4], false],
  ['nn.BatchNorm1d(3)', [2, 3, 4], true],
  ['nn.BatchNorm2d(4)', [2, 3, 4, 4], false],
  ['nn.BatchNorm2d(3)', [2, 3, 4, 4], true],
  ['nn.GroupNorm(4, 6)', [2, 6, 5], false],
  ['nn.GroupNorm(3, 6)', [2, 6, 5], true],
  ['nn.BatchNorm1d(3)', [1, 3], false],
  ['nn.BatchNorm1d(3)', [4, 3], true],
];
const HISTORY = 8;

// parseModule's limit: longer text is no module call, and is kept out of the link
const MAX_MODULE_TEXT = 200;
const moduleCodec = {
  parse(text) {
    if (text.length > MAX_MODULE_TEXT) throw new Error('too long');
    return text;
  },
  format: (v) => v,
};

function randomValues(n) {
  return Float32Array.from({ length: n }, () => Math.round((Math.random() * 4 - 2) * 10) / 10);
}

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

  static styles = [
    hostStyle,
    formControls,
    codeBlock,
    css`
      :host {
        display: block;
        margin: 0.6em 0;
      }
      .mistakes {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35em;
        align-items: center;
        margin: 0.3em 0 0.6em;
        font-size: 0.9em;
      }
      .mistakes button {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.85em;
      }
      .mistakes button.fix {
        border-style: dashed;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em 0.8em;
        align-items: center;
        margin: 0.3em 0 0.6em;
      }
      input[name='module'] {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        width: min(20em, 70vw);
      }
      .caption {
        margin: 0.8em 0 0.3em;
        font-size: 0.95em;
        font-weight: 600;
      }
      ol.transcript {
        list-style: none;
        margin: 0.3em 0;
      }
      ol.transcript li + li {
        margin-top: 0.5em;
        padding-top: 0.5em;
        border-top: 1px dashed var(--nl-border, #c8cdd6);
      }
      .prompt {
        color: var(--nl-muted, #5b6472);
      }
      .line {
        display: block;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .err {
        color: var(--nl-error, #b3261e);
      }
      .ok {
        color: var(--nl-ok, #1b7f3b);
      }
      .muted {
        color: var(--nl-muted, #5b6472);
      }
    `,
  ];

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
    this.engine = null;
    this.draft = null;
    new HashStateController(this, {
      module: moduleCodec,
      shape: codec.shape,
      values: codec.floats,
    });
  }

  acceptState(prop, value) {
    return prop !== 'values' || value.length === numel(this.shape);
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    if (!this.history.length) this.run();
  }

  willUpdate() {
    if (!this.values || this.values.length !== numel(this.shape)) {
      this.values = randomValues(numel(this.shape));
    }
  }

  updated() {
    markEnd('module-console');
  }

  /** Runs the module text on the tensor and records the outcome in the transcript. */
  run(module = this.module) {
    if (!this.engine) return;
    markStart('module-console');
    const entry = { module, shape: [...this.shape] };
    let options = null;
    try {
      options = parseModule(module).options;
    } catch (err) {
      entry.moduleError = specMessage(err, this.lang);
    }
    if (options) {
      try {
        this.engine.norm(options).delete();
      } catch (err) {
        if (err.name !== 'NormLabError') throw err;
        entry.moduleError = err.message;
      }
    }
    if (!entry.moduleError) {
      try {
        const r = runModule(this.engine, options, this.values, this.shape);
        entry.statCount = r.statCount;
        entry.params = r.paramShapes;
        this.last = { ...r, shape: [...this.shape], module, values: this.values };
      } catch (err) {
        if (err.name !== 'NormLabError') throw err;
        entry.runError = err.message;
      }
    }
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

  #entry(e, id) {
    const module = e.module.length > MAX_MODULE_TEXT ? `${e.module.slice(0, 60)}…` : e.module;
    const lang = this.lang;
    const prompt = html`<span class="prompt">&gt;&gt;&gt; </span>`;
    const params = e.params?.length
      ? t(lang, TEXT.params)(e.params.map(([n, s]) => `${n} ${formatShape(s)}`).join(', '))
      : '';
    return html`<li id=${id}>
      <span class="line">${prompt}m = ${module}</span>
      ${
        e.moduleError
          ? html`<span class="line err">${e.moduleError}</span>`
          : html`<span class="line">${prompt}y = m(input) # input: ${formatShape(e.shape)}</span> ${
                e.runError
                  ? html`<span class="line err">${e.runError}</span>`
                  : html`<span class="line ok"
                      >${t(lang, TEXT.ok)(formatShape(e.shape), e.statCount)}${params}</span
                    >`
              }`
      }
    </li>`;
  }

  #code() {
    return [
      'import torch',
      'from torch import nn',
      '',
      `m = ${this.module}`,
      `input = ${tensorLiteral(this.values, this.shape, 'input = '.length)}`,
      'y = m(input)',
      'print(y.shape)',
    ].join('\n');
  }

  render() {
    const lang = this.lang;
    // the field is marked while the latest run, the first entry of the transcript, failed
    const latest = this.history[0];
    const failed = Boolean(latest && (latest.moduleError || latest.runError));
    return html`
      <div class="mistakes">
        <span>${t(lang, TEXT.mistakes)}</span>
        ${MISTAKES.map(
          ([module, shape, fix]) =>
            html`<button
              type="button"
              class=${fix ? 'fix' : 'mistake'}
              @click=${() => this.#mistake(module, shape)}
            >
              ${fix ? `${t(lang, TEXT.fix)}: ` : ''}${module.replace('nn.', '')} ·
              ${formatShape(shape)}
            </button>`,
        )}
      </div>
      <form @submit=${this.#submit}>
        <label
          >${t(lang, TEXT.module)}
          ${fieldInput({
            name: 'module',
            value: this.draft ?? this.module,
            invalid: failed,
            errorId: failed ? 'latest-run' : undefined,
            onInput: (e) => (this.draft = e.target.value),
          })}</label
        >
        <button type="submit">${t(lang, TEXT.run)}</button>
      </form>
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
        ${
          this.engine
            ? this.history.length
              ? html`<ol class="transcript code-block" aria-labelledby="transcript-label">
                  ${this.history.map((e, i) => this.#entry(e, i === 0 ? 'latest-run' : nothing))}
                </ol>`
              : html`<p class="muted">${t(lang, TEXT.empty)}</p>`
            : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
        }
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
      <pytorch-code .code=${this.#code()}></pytorch-code>
    `;
  }
}

customElements.define('module-console', ModuleConsole);
