// <param-table>: pick a normalization module and its options and see what PyTorch would list:
// named_parameters() (learnable), their total, and named_buffers() (not learnable), all read from
// the engine's module. An input shape can be checked against the module (no data is needed).
//   <param-table module="nn.BatchNorm2d(100)" input="20,100,35,45"></param-table>
import { hostStyle } from './shared/host-style.js';
import { formControls, fieldRow } from './shared/controls-style.js';
import { textField } from './shared/text-field.js';
import { codeBlock } from './shared/code-style.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import { t } from '../i18n.js';
import { EMPTY_DIM } from '../model/parse.js';
import { numel, formatShape } from '../model/shape.js';
import { parseModule, moduleText, moduleClass } from '../model/module-spec.js';
import { markStart, markEnd } from './shared/measure.js';
import './pytorch-code/index.js';

const TEXT = {
  cls: { zh: '模块', en: 'Module' },
  num_features: { zh: 'num_features（通道数 C）', en: 'num_features (channels C)' },
  normalized_shape: { zh: 'normalized_shape', en: 'normalized_shape' },
  num_groups: { zh: 'num_groups', en: 'num_groups' },
  num_channels: { zh: 'num_channels', en: 'num_channels' },
  input: { zh: '输入形状（可选）', en: 'Input shape (optional)' },
  presets: { zh: '例子', en: 'Examples' },
  total: {
    zh: (n, parts) => `共 ${n} 个可学习参数${parts ? `（${parts}）` : ''}`,
    en: (n, parts) => `${n} learnable parameters${parts ? ` (${parts})` : ''}`,
  },
  buffers: {
    zh: (n) =>
      n ? `另有 ${n} 个缓冲区：它们随训练更新，但不是参数，优化器不会更新它们。` : '没有缓冲区。',
    en: (n) =>
      n
        ? `and ${n} buffers: they change during training but are not parameters; no optimizer updates them.`
        : 'No buffers.',
  },
  accepted: {
    zh: (s) => `输入 ${s} 可以通过这个模块；参数量与输入大小无关。`,
    en: (s) => `An input of shape ${s} is accepted; the parameter count does not depend on it.`,
  },
  whole: {
    zh: (name) => `${name} 必须是整数`,
    en: (name) => `${name} must be a whole number`,
  },
  tooBig: {
    zh: (name) => `${name} 太大了：这里最多 1000000 个元素`,
    en: (name) => `${name} is too big: at most 1000000 elements here`,
  },
  shapeBad: {
    zh: '形状须为 1 到 5 个整数，例如 20, 100, 35, 45',
    en: 'A shape is 1 to 5 whole numbers, e.g. 20, 100, 35, 45',
  },
  newer: {
    zh: 'bias=False 需要 PyTorch 2.1 及以上版本',
    en: 'bias=False needs PyTorch 2.1 or newer',
  },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const CLASSES = [
  'BatchNorm1d',
  'BatchNorm2d',
  'BatchNorm3d',
  'LayerNorm',
  'InstanceNorm1d',
  'InstanceNorm2d',
  'InstanceNorm3d',
  'GroupNorm',
];
const FLAGS = {
  batch_norm: { affine: true, track_running_stats: true },
  instance_norm: { affine: false, track_running_stats: false },
  layer_norm: { elementwise_affine: true, bias: true },
  group_norm: { affine: true },
};
const SIZE_FIELDS = {
  batch_norm: ['num_features'],
  instance_norm: ['num_features'],
  layer_norm: ['normalized_shape'],
  group_norm: ['num_groups', 'num_channels'],
};
const PRESETS = [
  ['nn.BatchNorm2d(100)', '20, 100, 35, 45'],
  ['nn.LayerNorm(10)', '20, 5, 10'],
  ['nn.LayerNorm(10, bias=False)', '20, 5, 10'],
  ['nn.LayerNorm(10, elementwise_affine=False)', '20, 5, 10'],
  ['nn.InstanceNorm2d(3)', '8, 3, 32, 32'],
  ['nn.GroupNorm(2, 6)', '4, 6, 8, 8'],
];
const MAX = 1_000_000;

const opOf = (cls) => moduleClass(cls).op;

/** "20, 100, 35, 45" -> [20, 100, 35, 45]; negatives kept (the engine has PyTorch's message). */
function parseInts(text) {
  const stripped = String(text)
    .replace(/torch\.Size/g, '')
    .replace(/[()[\]]/g, ' ');
  if (EMPTY_DIM.test(stripped)) return null;
  const parts = stripped.split(/[\s,x×*]+/).filter(Boolean);
  if (!parts.length || parts.length > 5) return null;
  if (!parts.every((p) => /^[-\u2212]?\d+$/.test(p))) return null;
  return parts.map((p) => Number(p.replace('\u2212', '-')));
}

const moduleCodec = {
  parse(text) {
    parseModule(text);
    return text;
  },
  format: (v) => v,
};
const inputCodec = {
  parse(text) {
    if (text !== '' && !parseInts(text)) throw new Error(`"${text}" is not a shape`);
    return text;
  },
  format: (v) => v,
};

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

  static styles = [
    hostStyle,
    formControls,
    fieldRow,
    codeBlock,
    css`
      :host {
        display: block;
        margin: 0.6em 0;
      }
      .controls {
        align-items: flex-end;
        margin: 0.3em 0 0.6em;
      }
      .check {
        display: flex;
        gap: 0.3em;
        align-items: center;
      }
      input[type='text'] {
        width: 8em;
      }
      input[name='input'] {
        width: 11em;
      }
      .presets {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35em;
        align-items: center;
        margin: 0.3em 0;
        font-size: 0.9em;
      }
      .presets button {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 0.9em;
      }
      pre {
        margin: 0.4em 0;
      }
      .prompt {
        color: var(--nl-muted, #5b6472);
      }
      .line {
        display: block;
        white-space: pre;
      }
      .error,
      .field-error {
        color: var(--nl-error, #b3261e);
        overflow-wrap: anywhere;
      }
      .field-error {
        max-width: 14em;
      }
      .summary {
        font-weight: 600;
        margin: 0.4em 0;
      }
      .muted {
        color: var(--nl-muted, #5b6472);
        font-size: 0.9em;
      }
    `,
  ];

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
    this.engine = null;
    new HashStateController(this, { module: moduleCodec, input: inputCodec });
  }

  /** The module as Python text (the URL keeps this); setting it fills the form. */
  get module() {
    const options = this.#options();
    return options ? moduleText(options) : undefined;
  }

  set module(text) {
    const { name, options } = parseModule(text);
    this.cls = name;
    const sizes = { ...this.sizes };
    for (const key of SIZE_FIELDS[options.op]) {
      const v = options[key];
      sizes[key] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    this.sizes = sizes;
    const flags = { ...FLAGS[options.op] };
    for (const key of Object.keys(flags))
      if (typeof options[key] === 'boolean') flags[key] = options[key];
    this.flags = flags;
    this.errors = {};
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.#compute();
  }

  willUpdate(changed) {
    if (changed.has('moduleAttr') && this.moduleAttr) {
      try {
        this.module = this.moduleAttr;
      } catch (err) {
        this.stateNotice = `module: ${err.message}`;
      }
    }
    if (this.engine && ['cls', 'sizes', 'flags', 'input'].some((k) => changed.has(k)))
      this.#compute();
  }

  updated() {
    markEnd('param-table');
  }

  get #op() {
    return opOf(this.cls);
  }

  /** Engine options from the form, or null while a field is unreadable (its message shows). */
  #options() {
    const op = this.#op;
    const options = moduleClass(this.cls);
    for (const key of SIZE_FIELDS[op]) {
      const ints = parseInts(this.sizes[key]);
      if (!ints || (key !== 'normalized_shape' && ints.length !== 1)) return null;
      if (ints.some((d) => Math.abs(d) > MAX) || (ints.every((d) => d > 0) && numel(ints) > MAX))
        return null;
      options[key] = key === 'normalized_shape' ? ints : ints[0];
    }
    Object.assign(options, this.flags);
    return options;
  }

  #fieldErrors() {
    const op = this.#op;
    const errors = {};
    for (const key of SIZE_FIELDS[op]) {
      const ints = parseInts(this.sizes[key]);
      if (!ints || (key !== 'normalized_shape' && ints.length !== 1)) {
        errors[key] = t(this.lang, TEXT.whole)(key);
      } else if (
        ints.some((d) => Math.abs(d) > MAX) ||
        (ints.every((d) => d > 0) && numel(ints) > MAX)
      ) {
        errors[key] = t(this.lang, TEXT.tooBig)(key);
      }
    }
    if (this.input.trim() && !parseInts(this.input)) errors.input = t(this.lang, TEXT.shapeBad);
    return errors;
  }

  #compute() {
    markStart('param-table');
    this.errors = this.#fieldErrors();
    const options = this.#options();
    if (!options) return; // the previous listing stays; the field says what is wrong
    let mod;
    const next = { options, text: moduleText(options) };
    try {
      mod = this.engine.norm(options);
      next.params = mod.parameterShapes();
      next.buffers = mod.bufferShapes();
      const shape = this.input.trim() ? parseInts(this.input) : null;
      if (shape) {
        next.shape = shape;
        try {
          mod.checkInput(shape);
          next.accepted = true;
        } catch (err) {
          if (err.name !== 'NormLabError') throw err;
          next.inputError = err.message;
        }
      }
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      next.error = err.message;
    } finally {
      mod?.delete();
    }
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

  #sizeFields() {
    const lang = this.lang;
    return SIZE_FIELDS[this.#op].map((key) =>
      textField({
        key,
        label: t(lang, TEXT[key]),
        value: this.sizes[key],
        error: this.errors[key],
        onInput: (e) => (this.sizes = { ...this.sizes, [key]: e.target.value }),
      }),
    );
  }

  #flagFields() {
    return Object.keys(FLAGS[this.#op]).map(
      (key) =>
        html`<label class="check"
          ><input
            type="checkbox"
            name=${key}
            .checked=${this.flags[key]}
            @change=${(e) => (this.flags = { ...this.flags, [key]: e.target.checked })}
          />${key}</label
        >`,
    );
  }

  #listing(r) {
    const prompt = (p, code) =>
      html`<span class="line"><span class="prompt">${p}</span>${code}</span>`;
    const out = (text) => html`<span class="line">${text}</span>`;
    const row = ([name, shape]) => out(`${name} torch.Size([${shape.join(', ')}])`);
    return html`<pre class="listing code-block"><code>${[
      prompt('>>> ', `m = ${r.text}`),
      prompt('>>> ', 'for name, p in m.named_parameters():'),
      prompt('... ', '    print(name, p.shape)'),
      ...r.params.map(row),
      prompt('>>> ', 'sum(p.numel() for p in m.parameters())'),
      out(String(r.params.reduce((s, [, shape]) => s + numel(shape), 0))),
      prompt('>>> ', 'for name, b in m.named_buffers():'),
      prompt('... ', '    print(name, b.shape)'),
      ...r.buffers.map(row),
    ]}</code></pre>`;
  }

  #summary(r) {
    const lang = this.lang;
    const total = r.params.reduce((s, [, shape]) => s + numel(shape), 0);
    const parts = r.params.map(([name, shape]) => `${name} ${numel(shape)}`).join(' + ');
    return html`<p class="summary">
        ${t(lang, TEXT.total)(total, r.params.length > 1 ? parts : '')};
        ${t(lang, TEXT.buffers)(r.buffers.length)}
      </p>
      ${
        r.options.op === 'layer_norm' && r.options.bias === false
          ? html`<p class="muted">${t(lang, TEXT.newer)}</p>`
          : nothing
      }
      ${r.accepted ? html`<p class="muted">${t(lang, TEXT.accepted)(formatShape(r.shape))}</p>` : nothing}
      ${r.inputError ? html`<p class="error input-error" role="alert">${r.inputError}</p>` : nothing}`;
  }

  #code(r) {
    const lines = ['import torch', 'from torch import nn', '', `m = ${r.text}`];
    lines.push('for name, p in m.named_parameters():', '    print(name, p.shape)');
    lines.push('print(sum(p.numel() for p in m.parameters()))');
    lines.push('for name, b in m.named_buffers():', '    print(name, b.shape)');
    if (r.shape) lines.push(`x = torch.randn(${r.shape.join(', ')})`, 'y = m(x)');
    return lines.join('\n');
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    return html`
      <div class="presets">
        <span>${t(lang, TEXT.presets)}:</span>
        ${PRESETS.map(
          ([module, input]) =>
            html`<button type="button" @click=${() => this.#preset(module, input)}>
              ${module.replace('nn.', '')}
            </button>`,
        )}
      </div>
      <div class="controls">
        <label class="field"
          ><span>${t(lang, TEXT.cls)}</span>
          <select name="cls" @change=${(e) => this.#setClass(e.target.value)}>
            ${CLASSES.map(
              (c) => html`<option value=${c} ?selected=${c === this.cls}>nn.${c}</option>`,
            )}
          </select></label
        >
        ${this.#sizeFields()} ${this.#flagFields()}
        ${textField({
          key: 'input',
          label: t(lang, TEXT.input),
          value: this.input,
          error: this.errors.input,
          invalid: this.errors.input || r?.inputError,
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
          ? html`${this.#listing(this.listed)}
              <div aria-live="polite">${this.#summary(this.listed)}</div>
              <pytorch-code .code=${this.#code(this.listed)}></pytorch-code>`
          : r
            ? nothing
            : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
    `;
  }
}

customElements.define('param-table', ParamTable);
