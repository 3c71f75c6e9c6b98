// <norm-playground>: an editable tensor, a torch.nn normalization module applied to it by the C++
// kernels, and each statistics group's size, mean and variance, recomputed on every keystroke.
// Cells are coloured by the group whose mean they share (the engine's plan).
//   <norm-playground module="nn.BatchNorm2d(3)" shape="2,3,4,4"></norm-playground>
//   <norm-playground op="layer_norm" shape="2,3,4" normalized-shape="4"></norm-playground>
// Options: module-editable (a field for the module), shape-editable, affine-editable (γ and β
// as tensors), eps-editable (an ε field), show-unbiased (the ÷(n−1) variance beside the ÷n one),
// weight="…" / bias="…" (γ, β to start from), eps="…", label / output-label (the tensors' names in
// cell labels and in the PyTorch code: give each playground of a page its own).
import { hostStyle } from './shared/host-style.js';
import { formControls, tableStyle } from './shared/controls-style.js';
import { fieldInput, fieldError } from './shared/text-field.js';
import { LitElement, html, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { tensorLiteral } from '../model/pytorch.js';
import { parseList, parseNumber } from '../model/parse.js';
import { numel, formatShape } from '../model/shape.js';
import { seededValues } from '../model/rng.js';
import { parseModule, moduleText, specMessage } from '../model/module-spec.js';
import { runModule, rowsAreGroups } from '../model/run-module.js';
import { markStart, markEnd } from './shared/measure.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const TEXT = {
  input: { zh: (x) => `输入 ${x}`, en: (x) => `Input ${x}` },
  output: {
    zh: (y) => `输出 ${y}（C++ 内核计算）`,
    en: (y) => `Output ${y} (computed by the C++ kernels)`,
  },
  stale: {
    zh: (y) => `输出 ${y}（上一次有效输入的结果）`,
    en: (y) => `Output ${y} (from the last valid input)`,
  },
  stats: { zh: '每组的统计量', en: 'Statistics of each group' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  mean: { zh: '均值', en: 'mean' },
  var: { zh: '方差', en: 'var' },
  unbiased: { zh: '÷(n−1)', en: '÷(n−1)' },
  count: {
    zh: (n) => `共计算了 ${n} 组均值和方差`,
    en: (n) => `${n} mean/variance pairs computed`,
  },
  each: {
    zh: (k) => `，每组 ${k} 个元素`,
    en: (k) => `, each over ${k} elements`,
  },
  sizes: {
    zh: (list) => `，各组元素个数：${list}`,
    en: (list) => `; elements per group: ${list}`,
  },
  params: { zh: '可学习参数：', en: 'Learnable parameters: ' },
  noParams: { zh: '没有可学习参数', en: 'no learnable parameters' },
  module: { zh: '模块', en: 'Module' },
  apply: { zh: '应用', en: 'Apply' },
  eps: { zh: 'ε（eps）', en: 'ε (eps)' },
  epsBad: {
    zh: 'ε 必须是 0 到 1 之间的数，已保留原值',
    en: 'ε must be a number from 0 to 1; the previous value is kept',
  },
  weight: { zh: 'γ（weight）', en: 'γ (weight)' },
  bias: { zh: 'β（bias）', en: 'β (bias)' },
  group: { zh: '组', en: 'group' },
  elements: { zh: '元素数', en: 'elements' },
  varN: { zh: '方差（÷n）', en: 'variance (÷n)' },
  varN1: { zh: '无偏方差（÷(n−1)）', en: 'unbiased (÷(n−1))' },
  firstGroups: {
    zh: (k, n) => `只列出前 ${k} 组，共 ${n} 组`,
    en: (k, n) => `first ${k} of ${n} groups`,
  },
};

const MAX_TABLE_ROWS = 64;

const csv = (text) => {
  const r = parseList(text);
  return r.values ? r.values : [];
};
const floatsAttr = {
  fromAttribute: (text) => {
    const r = parseList(text);
    return r.values ? Float32Array.from(r.values) : null;
  },
};

/** Module text in the link: read only if it parses (the engine judges the rest when it runs). */
const moduleCodec = {
  parse(text) {
    parseModule(text);
    return text;
  },
  format: (v) => v,
};

export class NormPlayground extends LitElement {
  static properties = {
    module: { type: String },
    op: { type: String },
    normalizedShape: { attribute: 'normalized-shape', converter: { fromAttribute: csv } },
    eps: { type: Number },
    shape: { converter: { fromAttribute: csv } },
    values: { converter: floatsAttr },
    weight: { converter: floatsAttr },
    bias: { converter: floatsAttr },
    moduleEditable: { type: Boolean, attribute: 'module-editable' },
    shapeEditable: { type: Boolean, attribute: 'shape-editable' },
    affineEditable: { type: Boolean, attribute: 'affine-editable' },
    epsEditable: { type: Boolean, attribute: 'eps-editable' },
    showUnbiased: { type: Boolean, attribute: 'show-unbiased' },
    label: { type: String },
    outputLabel: { type: String, attribute: 'output-label' },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    moduleDraft: { state: true },
    moduleError: { state: true },
    epsDraft: { state: true },
    epsError: { state: true },
    result: { state: true },
    error: { state: true },
  };

  static styles = [
    hostStyle,
    formControls,
    tableStyle,
    css`
      :host {
        display: block;
      }
      .caption {
        margin: 0.8em 0 0.3em;
        font-size: 0.95em;
        font-weight: 600;
      }
      .error {
        color: var(--nl-error, #b3261e);
        overflow-wrap: anywhere;
      }
      .summary {
        margin: 0.4em 0;
        font-weight: 600;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em 0.8em;
        align-items: center;
        margin: 0.3em 0;
      }
      input[name='module'] {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        width: min(22em, 70vw);
      }
      input[name='eps'] {
        width: 7em;
      }
      .field-error {
        flex-basis: 100%;
      }
      .table-wrap {
        overflow-x: auto;
      }
      table {
        font-size: 0.9em;
      }
      .swatch {
        display: inline-block;
        width: 0.9em;
        height: 0.9em;
        margin-right: 0.35em;
        border: 1px solid var(--nl-border, #c8cdd6);
        vertical-align: -0.1em;
      }
      .muted {
        color: var(--nl-muted, #5b6472);
        font-size: 0.9em;
      }
      code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      }
    `,
  ];

  constructor() {
    super();
    this.module = '';
    this.op = 'layer_norm';
    this.normalizedShape = [4];
    this.eps = null;
    this.shape = [2, 3, 4];
    this.values = null;
    this.weight = null;
    this.bias = null;
    this.moduleEditable = false;
    this.shapeEditable = false;
    this.affineEditable = false;
    this.epsEditable = false;
    this.showUnbiased = false;
    this.label = 'x';
    this.outputLabel = 'y';
    this.lang = 'en';
    new LangController(this);
    this.result = null;
    this.error = '';
    this.engine = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.moduleDraft = null;
    this.moduleError = '';
    this.epsDraft = null;
    this.epsError = '';
    new HashStateController(
      this,
      {
        module: moduleCodec,
        eps: codec.number(0, 1),
        shape: codec.shape,
        values: codec.floats,
        weight: codec.floats,
        bias: codec.floats,
      },
      null,
      { attributes: { normalizedShape: codec.shape } },
    );
  }

  /** A tensor from the link must fit the shape from the link. */
  acceptState(prop, value) {
    return prop !== 'values' || value.length === numel(this.shape);
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.#compute();
  }

  /** The engine options: from `module` when given, else from op / normalized-shape. */
  #options() {
    const base = this.module
      ? parseModule(this.module).options
      : { op: this.op, normalized_shape: this.normalizedShape };
    return this.eps === null || this.eps === undefined || Number.isNaN(this.eps)
      ? base
      : { ...base, eps: this.eps };
  }

  willUpdate(changed) {
    if (!this.values || this.values.length !== numel(this.shape)) {
      this.values = seededValues(numel(this.shape), 7);
    }
    const inputs = ['module', 'op', 'shape', 'normalizedShape', 'eps', 'values', 'weight', 'bias'];
    if (this.engine && inputs.some((k) => changed.has(k))) this.#compute();
  }

  updated() {
    markEnd('norm-playground');
  }

  #compute() {
    markStart('norm-playground');
    let options;
    try {
      options = this.#options();
    } catch (err) {
      this.error = specMessage(err, this.lang);
      return;
    }
    try {
      const r = runModule(this.engine, options, this.values, this.shape, {
        weight: this.weight,
        bias: this.bias,
      });
      this.result = { ...r, shape: this.shape, options, values: this.values };
      this.error = '';
      // γ and β of a new size start from PyTorch's init, shown as the module has them
      if (this.weight && r.weight && this.weight.length !== r.weight.length) this.weight = null;
      if (this.bias && r.bias && this.bias.length !== r.bias.length) this.bias = null;
    } catch (err) {
      if (err.name !== 'NormLabError') throw err;
      this.error = err.message;
    }
    this.dispatchEvent(
      new CustomEvent('computed', { detail: this.result, bubbles: true, composed: true }),
    );
  }

  #applyModule(event) {
    event.preventDefault();
    const text = (this.moduleDraft ?? this.module).trim();
    try {
      parseModule(text);
    } catch (err) {
      this.moduleError = specMessage(err, this.lang);
      return;
    }
    this.moduleError = '';
    this.moduleDraft = null;
    this.module = text;
  }

  #onEps(text) {
    this.epsDraft = text;
    // decimal numbers only: Number() would take "0x1" as 1
    const v = parseNumber(text);
    if (v === null || v < 0 || v > 1) {
      this.epsError = t(this.lang, TEXT.epsBad);
      return;
    }
    this.epsError = '';
    this.eps = v;
  }

  #moduleField() {
    if (!this.moduleEditable) return nothing;
    const lang = this.lang;
    const text = this.moduleDraft ?? this.module ?? moduleText(this.#safeOptions());
    return html`<form class="controls" @submit=${this.#applyModule}>
      <label
        >${t(lang, TEXT.module)}
        ${fieldInput({
          name: 'module',
          value: text,
          error: this.moduleError,
          errorId: 'module-error',
          onInput: (e) => (this.moduleDraft = e.target.value),
        })}</label
      >
      <button type="submit">${t(lang, TEXT.apply)}</button>
      ${fieldError('module-error', this.moduleError)}
    </form>`;
  }

  #safeOptions() {
    try {
      return this.#options();
    } catch {
      return { op: this.op, normalized_shape: this.normalizedShape };
    }
  }

  #epsField() {
    if (!this.epsEditable) return nothing;
    const lang = this.lang;
    const eps = this.#safeOptions().eps ?? 1e-5;
    return html`<div class="controls">
      <label
        >${t(lang, TEXT.eps)}
        ${fieldInput({
          name: 'eps',
          inputmode: 'decimal',
          value: this.epsDraft ?? String(eps),
          error: this.epsError,
          errorId: 'eps-error',
          onInput: (e) => this.#onEps(e.target.value),
        })}</label
      >
      ${fieldError('eps-error', this.epsError)}
    </div>`;
  }

  #affineFields(r) {
    if (!this.affineEditable || !r) return nothing;
    const lang = this.lang;
    const shapes = Object.fromEntries(r.paramShapes);
    const editor = (name, label, values) =>
      shapes[name]
        ? html`<p class="caption">${t(lang, label)} ${formatShape(shapes[name])}</p>
            <tensor-editor
              label=${name}
              no-tools
              .shape=${shapes[name]}
              .values=${values}
              @tensor-change=${(e) => (this[name] = e.detail.values)}
            ></tensor-editor>`
        : nothing;
    return html`${editor('weight', TEXT.weight, this.weight ?? r.weight)}
    ${editor('bias', TEXT.bias, this.bias ?? r.bias)}`;
  }

  #summary(r) {
    const lang = this.lang;
    const counts = Array.from(r.count);
    const same = counts.every((c) => c === counts[0]);
    const sizes = same
      ? t(lang, TEXT.each)(counts[0] ?? 0)
      : t(lang, TEXT.sizes)(counts.slice(0, 8).join(', ') + (counts.length > 8 ? ', …' : ''));
    const params = r.paramShapes.length
      ? r.paramShapes
          .map(
            ([name, s]) =>
              `${t(lang, name === 'weight' ? TEXT.weight : TEXT.bias)} ${formatShape(s)}`,
          )
          .join(' · ')
      : t(lang, TEXT.noParams);
    return html`<p class="summary">${t(lang, TEXT.count)(r.statCount)}${sizes}</p>
      <p class="muted">${t(lang, TEXT.params)}${params}</p>`;
  }

  #table(r) {
    const lang = this.lang;
    const shown = Math.min(r.statCount, MAX_TABLE_ROWS);
    return html`<p class="caption">${t(lang, TEXT.stats)}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.group)}</th>
              <th scope="col">${t(lang, TEXT.elements)}</th>
              <th scope="col">${t(lang, TEXT.mean)}</th>
              <th scope="col">${t(lang, TEXT.varN)}</th>
              ${this.showUnbiased ? html`<th scope="col">${t(lang, TEXT.varN1)}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${Array.from(
              { length: shown },
              (_, g) =>
                html`<tr>
                  <td>
                    <span class="swatch" style="background: var(--nl-group-${g % 8})"></span>${g}
                  </td>
                  <td>${r.count[g]}</td>
                  <td>${formatNumber(r.mean[g])}</td>
                  <td>${formatNumber(r.variance[g])}</td>
                  ${this.showUnbiased ? html`<td>${formatNumber(r.unbiased[g])}</td>` : nothing}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${shown < r.statCount ? html`<p class="muted">${t(lang, TEXT.firstGroups)(shown, r.statCount)}</p>` : nothing}`;
  }

  #code(r) {
    const x = this.label || 'x';
    const y = this.outputLabel || 'y';
    const lines = ['import torch', 'from torch import nn', ''];
    lines.push(`${x} = ${tensorLiteral(r.values, r.shape, x.length + 3)}`);
    lines.push(`m = ${moduleText(r.options)}`);
    const custom = [];
    if (r.weight && this.weight) custom.push(['weight', r.weight]);
    if (r.bias && this.bias) custom.push(['bias', r.bias]);
    const shapes = Object.fromEntries(r.paramShapes);
    if (custom.length) {
      lines.push('with torch.no_grad():');
      for (const [name, v] of custom)
        lines.push(
          `    m.${name}.copy_(${tensorLiteral(v, shapes[name], 4 + `m.${name}.copy_(`.length)})`,
        );
    }
    lines.push(`${y} = m(${x})  # training mode: the statistics of this input`);
    lines.push(`print(${y})`);
    return lines.join('\n');
  }

  render() {
    const lang = this.lang;
    const r = this.result;
    const fresh = r && !this.error;
    const rowStats = r && rowsAreGroups(r.group, r.shape[r.shape.length - 1]);
    const notes = rowStats
      ? Array.from(
          r.mean,
          (m, i) =>
            `${t(lang, TEXT.mean)} ${formatNumber(m)} · ${t(lang, TEXT.var)} ${formatNumber(r.variance[i])}` +
            (this.showUnbiased
              ? ` · ${t(lang, TEXT.unbiased)} ${formatNumber(r.unbiased[i])}`
              : ''),
        )
      : null;
    const inputGroups = fresh && r.group.length === numel(this.shape) ? r.group : null;
    return html`
      ${this.#moduleField()} ${this.#epsField()}
      <p class="caption">${t(lang, TEXT.input)(this.label)}</p>
      <tensor-editor
        label=${this.label}
        .shape=${this.shape}
        .values=${this.values}
        .groups=${inputGroups}
        ?shape-editable=${this.shapeEditable}
        @tensor-change=${(e) => {
          if (e.detail.shape.join() !== this.shape.join()) this.shape = e.detail.shape;
          this.values = e.detail.values;
        }}
      ></tensor-editor>
      ${this.#affineFields(r)}
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <p class="error" role="alert">${this.error}</p>
      ${
        r
          ? html`<div aria-live="polite">${this.#summary(r)}</div>
              <p class="caption">${t(lang, fresh ? TEXT.output : TEXT.stale)(this.outputLabel)}</p>
              <tensor-editor
                readonly
                label=${this.outputLabel}
                .shape=${r.shape}
                .values=${r.output}
                .groups=${r.group}
                .rowNotes=${notes}
              ></tensor-editor>
              ${rowStats ? nothing : this.#table(r)}
              <pytorch-code .code=${this.#code(r)}></pytorch-code>`
          : this.error
            ? nothing
            : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }
    `;
  }
}

customElements.define('norm-playground', NormPlayground);
