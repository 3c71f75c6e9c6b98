// <norm-cube>: the (N, C, H·W) cube of an input, one layer per sample, every element coloured by
// the statistics group it belongs to under BatchNorm, LayerNorm, InstanceNorm or GroupNorm. The
// colours come from the engine's statistics plan (the same data the kernels reduce over), and the
// selected element's group mean, variance and output come from the kernels' forward pass.
//   <norm-cube kind="group" shape="2,6,4,4" groups="3"></norm-cube>
// Attributes: kind (batch|layer|instance|group), shape, groups, lang, compact (the picture and its
// summary only), contrast-tool (buttons that rescale one sample's channel), state-key.
// Events: cube-change {kind, shape, groups, values, options} after every successful recompute,
// cell-select {index, group} when an element is picked.
import { LitElement, html, svg, css, nothing } from 'lit';
import { LangController } from '../controllers/lang-controller.js';
import { hostStyle } from './shared/host-style.js';
import { markStart, markEnd } from './shared/measure.js';
import { controlsStyle } from './shared/controls-style.js';
import { textField } from './shared/text-field.js';
import { getEngine } from '../engine/shared.js';
import { reductionTrace } from '../engine/reduction-trace.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { tensorLiteral, moduleLiteral } from '../model/pytorch.js';
import { parseInteger } from '../model/parse.js';
import {
  KINDS,
  KIND_NAMES,
  moduleOptions,
  numel,
  cubeIndex,
  fullIndex,
  members,
  groupExtent,
  rangeText,
  parseCubeShape,
  seededValues,
  resize,
  shapeText,
} from '../model/norms.js';
import './tensor-editor/index.js';
import './pytorch-code.js';

const TEXT = {
  kind: { zh: '归一化方式', en: 'Normalization' },
  shape: { zh: '形状 (N, C, H, W)', en: 'Shape (N, C, H, W)' },
  groups: { zh: '组数（GroupNorm 的 num_groups）', en: 'Groups (GroupNorm’s num_groups)' },
  groupsNumber: {
    zh: '组数必须是正整数',
    en: 'The number of groups must be a positive whole number',
  },
  edit: { zh: '编辑张量里的数', en: 'Edit the numbers in the tensor' },
  reset: { zh: '恢复初始数值', en: 'Reset the numbers' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  hint: {
    zh: '把鼠标移到某个格子上、点按它，或者聚焦立方体后用方向键（PageUp/PageDown 换样本）查看一个元素。',
    en: 'Hover or tap a cell, or focus the cube and use the arrow keys (PageUp/PageDown for another sample) to inspect an element.',
  },
  cubeRole: {
    zh: '立方体：用方向键选择元素',
    en: 'Cube: use the arrow keys to pick an element',
  },
  picture: {
    zh: (name, shape, count) =>
      `${name} 作用在形状 ${shape} 的输入上：每个样本一层，行是通道 C，列是空间位置 H·W；同一颜色的格子共享一组均值和方差，共 ${count} 组。`,
    en: (name, shape, count) =>
      `${name} on an input of shape ${shape}: one layer per sample, rows are channels C, columns are spatial positions H·W; cells of one colour share a mean and variance, ${count} groups in all.`,
  },
  summary: {
    zh: (name, count, size) => `${name}：计算 ${count} 组均值和方差，每组 ${size} 个元素`,
    en: (name, count, size) => `${name}: ${count} mean/variance pairs, each over ${size} elements`,
  },
  params: { zh: '可学习参数 γ、β：', en: 'Learnable γ, β: ' },
  noParams: {
    zh: '没有可学习的 γ、β（affine=False 是默认值）',
    en: 'no learnable γ, β (affine=False is the default)',
  },
  sample: { zh: '样本', en: 'sample' },
  samples: { zh: '样本', en: 'samples' },
  channel: { zh: '通道', en: 'channel' },
  channels: { zh: '通道', en: 'channels' },
  detail: {
    zh: (d) =>
      `${d.label} = ${d.x} → 输出 y = ${d.y}。它属于第 ${d.g} 组（组号从 0 数起，共 ${d.count} 组）：样本 ${d.samples}，通道 ${d.channels}，${d.positions} 个空间位置，共 ${d.size} 个元素；这组的均值 ${d.mean}，方差 ${d.variance}。`,
    en: (d) =>
      `${d.label} = ${d.x} → output y = ${d.y}. Its statistics group is #${d.g} (counting from 0, ${d.count} in all): ${d.sampleWord} ${d.samples}, ${d.channelWord} ${d.channels}, ${d.positions} spatial positions, ${d.size} elements; the group's mean is ${d.mean}, its variance ${d.variance}.`,
  },
  contrast: { zh: '对比度 ×2', en: 'Contrast ×2' },
  brightness: { zh: '亮度 +1', en: 'Brightness +1' },
  contrastOn: {
    zh: (label) => `作用于 ${label}（所选元素所在样本的那个通道）`,
    en: (label) => `on ${label} (the selected element's sample and channel)`,
  },
  contrastResult: {
    zh: (label, what, delta) => `${label} 已${what}。这些元素的输出 y 最多变化了 ${delta}。`,
    en: (label, what, delta) =>
      `${label} was ${what}. The outputs y of those elements moved by at most ${delta}.`,
  },
  scaled: { zh: '乘以 2', en: 'multiplied by 2' },
  shifted: { zh: '加上 1', en: 'shifted by +1' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
  axisSpatial: { zh: '空间位置 H·W →', en: 'spatial H·W →' },
  axisChannel: { zh: 'C ↓', en: 'C ↓' },
};

const NEGATIVE = { zh: '每一维都必须至少为 1', en: 'Every dim must be at least 1' };

const CELL = 18;
const LEFT = 64;
const TOP = 36;
const LAYER_GAP = 30;
const DEPTH_X = 10;
const DEPTH_Y = 8;

const csv = (text) =>
  String(text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);

export class NormCube extends LitElement {
  static properties = {
    kind: { type: String },
    shape: { converter: { fromAttribute: csv } },
    groups: { type: Number },
    lang: { type: String },
    values: { attribute: false },
    compact: { type: Boolean },
    contrastTool: { type: Boolean, attribute: 'contrast-tool' },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    selected: { state: true },
    view: { state: true },
    error: { state: true },
    shapeText: { state: true },
    groupsText: { state: true },
    fieldErrors: { state: true },
    contrastNote: { state: true },
  };

  static styles = [
    hostStyle,
    controlsStyle,
    css`
      :host {
        display: block;
        margin: 0.8em 0;
      }
      .cube {
        border-radius: 6px;
        max-width: 40em;
      }
      .cube:focus-visible {
        outline-offset: 3px;
      }
      /* no bigger than 1.4 px per unit: a small cube stays small instead of filling the column */
      .cube svg {
        max-width: calc(var(--cube-units) * 1.4px);
      }
      /* on a touch screen a cell (16 units) is a 24.8 px tap target (WCAG 2.2 target size): the
         cube is drawn at 1.55 px per unit, and one wider than its box scrolls inside the box, not
         the page */
      @media (pointer: coarse) {
        .cube {
          overflow-x: auto;
        }
        .cube svg {
          width: calc(var(--cube-units) * 1.55px);
          max-width: none;
        }
      }
      .cell {
        stroke: var(--nl-border, #c8cdd6);
        stroke-width: 0.6;
        cursor: pointer;
      }
      .cell.dim {
        opacity: 0.3;
      }
      .cell.member {
        stroke: var(--nl-fg, #1d2330);
        stroke-width: 1.2;
      }
      .pick {
        fill: none;
        stroke: var(--nl-focus, #1f6feb);
        stroke-width: 3;
        pointer-events: none;
      }
      .slab {
        fill: var(--nl-border, #c8cdd6);
        opacity: 0.45;
      }
      .label {
        font-size: 11px;
      }
      .axis {
        font-size: 11px;
        fill: var(--nl-muted, #5b6472);
      }
      .summary {
        margin: 0.3em 0;
        font-weight: 600;
      }
      .detail {
        margin: 0.4em 0;
        min-height: 3em;
      }
      .hint {
        font-size: 0.9em;
        margin: 0.2em 0;
      }
      :host([compact]) .cube {
        max-width: 24em;
      }
    `,
  ];

  constructor() {
    super();
    this.kind = 'batch';
    this.shape = [2, 6, 4, 4];
    this.groups = 3;
    this.lang = 'en';
    new LangController(this);
    this.values = null;
    this.compact = false;
    this.contrastTool = false;
    this.stateKey = '';
    this.stateNotice = '';
    this.selected = null;
    this.view = null;
    this.error = '';
    this.shapeText = null;
    this.groupsText = null;
    this.fieldErrors = {};
    this.contrastNote = '';
    this.engine = null;
    new HashStateController(this, {
      kind: codec.oneOf(KINDS),
      shape: codec.shape,
      groups: codec.int(1, 64),
      values: codec.floats,
    });
  }

  /** A link's values must fit its shape, and its shape must be one the cube can draw. */
  acceptState(prop, value) {
    if (prop === 'shape') return !!parseCubeShape(value.join(',')).shape;
    if (prop === 'values') return value.length === numel(this.shape);
    return true;
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.requestUpdate();
  }

  // ---- state ------------------------------------------------------------------------------------

  /** Runs the module on a candidate state; throws the engine's message (PyTorch's words). */
  #evaluate(kind, shape, groups, values) {
    const options = moduleOptions(kind, shape, groups);
    const mod = this.engine.norm(options);
    try {
      const plan = mod.plan(shape);
      const forward = mod.forward(values, shape);
      const sizes = new Map();
      for (const g of plan.group) sizes.set(g, (sizes.get(g) ?? 0) + 1);
      return {
        key: this.#key(kind, shape, groups, values),
        kind,
        shape,
        groups,
        values,
        options,
        group: plan.group,
        statCount: plan.statCount,
        sizes,
        output: forward.output,
        mean: forward.mean,
        paramShapes: mod.parameterShapes(),
      };
    } finally {
      mod.delete();
    }
  }

  #key(kind, shape, groups, values) {
    return `${kind}|${shape.join(',')}|${kind === 'group' ? groups : ''}|${this.#valuesId(values)}`;
  }

  #ids = new WeakMap();
  #nextId = 1;
  #valuesId(values) {
    if (!this.#ids.has(values)) this.#ids.set(values, this.#nextId++);
    return this.#ids.get(values);
  }

  #fromField = new Set(); // props just set from their own text field: keep the learner's spelling

  willUpdate(changed) {
    const typed = this.#fromField;
    if ((changed.has('shape') && !typed.has('shape')) || this.shapeText === null)
      this.shapeText = this.shape.join(', ');
    if ((changed.has('groups') && !typed.has('groups')) || this.groupsText === null)
      this.groupsText = String(this.groups);
    this.#fromField = new Set();
    const n = numel(this.shape);
    if (!this.values || this.values.length !== n) {
      this.values = this.values ? resize(this.values, n) : seededValues(n);
    }
    if (!this.engine) return;
    const key = this.#key(this.kind, this.shape, this.groups, this.values);
    if (this.view?.key === key) return;
    markStart('norm-cube');
    try {
      this.view = this.#evaluate(this.kind, this.shape, this.groups, this.values);
      this.error = '';
      if (this.selected !== null && this.selected >= n) this.selected = null;
      this.#announceChange();
    } catch (err) {
      this.error = err.message;
    }
  }

  updated() {
    markEnd('norm-cube');
  }

  #announceChange() {
    const v = this.view;
    this.dispatchEvent(
      new CustomEvent('cube-change', {
        detail: {
          kind: v.kind,
          shape: v.shape,
          groups: v.groups,
          values: v.values,
          options: v.options,
        },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /**
   * A change from one of the fields: evaluated first, committed only when the engine accepts it,
   * so the previous picture stays when it does not; the message goes next to `field`.
   */
  #tryApply(field, changes) {
    const next = {
      kind: this.kind,
      shape: this.shape,
      groups: this.groups,
      values: this.values,
      ...changes,
    };
    if (!this.engine) return;
    try {
      if (next.shape.some((d) => d < 0)) this.#refuseNegative(next);
      if (next.values.length !== numel(next.shape))
        next.values = resize(next.values, numel(next.shape));
      markStart('norm-cube');
      this.view = this.#evaluate(next.kind, next.shape, next.groups, next.values);
      this.fieldErrors = {};
      this.error = '';
      this.#fromField.add(field);
      Object.assign(this, next);
      this.contrastNote = '';
      if (this.selected !== null && this.selected >= numel(next.shape)) this.selected = null;
      this.#announceChange();
    } catch (err) {
      // GroupNorm refusing its groups is about the groups field, whichever control asked
      const about = next.kind === 'group' && field === 'kind' ? 'groups' : field;
      this.fieldErrors = { [about]: err.message };
    }
  }

  /** A negative dim gets the engine's message (PyTorch's: no tensor can have that shape). */
  #refuseNegative({ kind, shape, groups }) {
    const mod = this.engine.norm(moduleOptions(kind, shape, groups));
    try {
      mod.plan(shape);
    } finally {
      mod.delete();
    }
    throw new Error(t(this.lang, NEGATIVE));
  }

  #onShapeInput(event) {
    this.shapeText = event.target.value;
    const parsed = parseCubeShape(this.shapeText);
    if (parsed.error) {
      this.fieldErrors = { shape: t(this.lang, parsed.error) };
      return;
    }
    this.#tryApply('shape', { shape: parsed.shape });
  }

  #onGroupsInput(event) {
    this.groupsText = event.target.value;
    const groups = parseInteger(this.groupsText);
    if (groups === null) {
      this.fieldErrors = { groups: t(this.lang, TEXT.groupsNumber) };
      return;
    }
    this.#tryApply('groups', { groups });
  }

  #onKind(kind) {
    this.#tryApply('kind', { kind });
  }

  #onTensor(event) {
    const { values, shape } = event.detail;
    if (shape && shape.join(',') !== this.shape.join(',')) {
      const parsed = parseCubeShape(shape.join(','));
      if (parsed.error) {
        this.fieldErrors = { values: t(this.lang, parsed.error) };
        return;
      }
      this.#tryApply('values', { shape: parsed.shape, values: Float32Array.from(values) });
      return;
    }
    this.#tryApply('values', { values: Float32Array.from(values) });
  }

  #select(i) {
    if (!this.view || i === null || i < 0 || i >= this.view.group.length) return;
    if (this.selected === i) return;
    this.selected = i;
    this.dispatchEvent(
      new CustomEvent('cell-select', {
        detail: { index: i, group: this.view.group[i] },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #onKeydown(event) {
    if (!this.view) return;
    const [N, C] = this.view.shape;
    const S = numel(this.view.shape.slice(2));
    if (this.selected === null) {
      if (event.key.startsWith('Arrow') || event.key.startsWith('Page')) event.preventDefault();
      this.#select(0);
      return;
    }
    const i = this.selected;
    const { n, c, s } = cubeIndex(i, this.view.shape);
    const at = (nn, cc, ss) => (nn * C + cc) * S + ss;
    let next = null;
    switch (event.key) {
      case 'ArrowLeft':
        next = s > 0 ? i - 1 : i;
        break;
      case 'ArrowRight':
        next = s < S - 1 ? i + 1 : i;
        break;
      case 'ArrowUp':
        next = c > 0 ? at(n, c - 1, s) : n > 0 ? at(n - 1, C - 1, s) : i;
        break;
      case 'ArrowDown':
        next = c < C - 1 ? at(n, c + 1, s) : n < N - 1 ? at(n + 1, 0, s) : i;
        break;
      case 'PageUp':
        next = n > 0 ? at(n - 1, c, s) : i;
        break;
      case 'PageDown':
        next = n < N - 1 ? at(n + 1, c, s) : i;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = N * C * S - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.#select(next);
  }

  #onPointer(event) {
    const i = event.target?.dataset?.i;
    if (i !== undefined) this.#select(Number(i));
  }

  #adjustSlice(mode) {
    if (!this.view || this.selected === null) return;
    const { shape } = this.view;
    const S = numel(shape.slice(2));
    const { n, c } = cubeIndex(this.selected, shape);
    const start = (n * shape[1] + c) * S;
    const values = Float32Array.from(this.values);
    for (let k = start; k < start + S; k++)
      values[k] = mode === 'scale' ? values[k] * 2 : values[k] + 1;
    const before = this.view.output;
    this.#tryApply('values', { values });
    if (this.view.values !== values) return;
    let delta = 0;
    for (let k = start; k < start + S; k++)
      delta = Math.max(delta, Math.abs(this.view.output[k] - before[k]));
    const label = `x[${n}, ${c}${
      shape.length > 2
        ? ', ' +
          shape
            .slice(2)
            .map(() => ':')
            .join(', ')
        : ''
    }]`;
    this.contrastNote = t(this.lang, TEXT.contrastResult)(
      label,
      t(this.lang, mode === 'scale' ? TEXT.scaled : TEXT.shifted),
      formatNumber(delta),
    );
  }

  // ---- rendering --------------------------------------------------------------------------------

  #moduleName(v) {
    return moduleLiteral(v.options).replace(/^nn\./, '');
  }

  #detail(v, i) {
    const lang = this.lang;
    const g = v.group[i];
    const list = members(v.group, g);
    const extent = groupExtent(v.shape, list);
    const trace = reductionTrace(
      this.engine,
      list.map((k) => v.values[k]),
      { eps: 1e-5 },
    );
    const d = {
      label: `x[${fullIndex(i, v.shape).join(', ')}]`,
      x: formatNumber(v.values[i]),
      y: formatNumber(v.output[i]),
      g,
      count: v.statCount,
      sampleWord: t(lang, extent.samples.length > 1 ? TEXT.samples : TEXT.sample),
      samples: rangeText(extent.samples),
      channelWord: t(lang, extent.channels.length > 1 ? TEXT.channels : TEXT.channel),
      channels: rangeText(extent.channels),
      positions: extent.positions,
      size: list.length,
      mean: formatNumber(v.mean[g]),
      variance: formatNumber(trace.variance),
    };
    return t(lang, TEXT.detail)(d);
  }

  #cube(v) {
    const [N, C] = v.shape;
    const S = numel(v.shape.slice(2));
    const layerH = C * CELL;
    const width = LEFT + S * CELL + DEPTH_X + 6;
    const height = TOP + N * (layerH + LAYER_GAP) - LAYER_GAP + 6;
    const pickGroup = this.selected !== null ? v.group[this.selected] : null;
    const layerY = (n) => TOP + n * (layerH + LAYER_GAP);
    const cells = [];
    for (let i = 0; i < v.group.length; i++) {
      const { n, c, s } = cubeIndex(i, v.shape);
      const g = v.group[i];
      const cls = pickGroup === null ? 'cell' : g === pickGroup ? 'cell member' : 'cell dim';
      cells.push(
        svg`<rect class=${cls} data-i=${i} data-g=${g} x=${LEFT + s * CELL} y=${layerY(n) + c * CELL}
          width=${CELL - 2} height=${CELL - 2} rx="2" fill="var(--nl-group-${g % 8})"></rect>`,
      );
    }
    const slabs = [];
    const labels = [];
    for (let n = 0; n < N; n++) {
      const x0 = LEFT - 1;
      const y0 = layerY(n) - 1;
      const w = S * CELL;
      slabs.push(
        svg`<polygon class="slab" points="${x0},${y0} ${x0 + DEPTH_X},${y0 - DEPTH_Y} ${x0 + w + DEPTH_X},${y0 - DEPTH_Y} ${x0 + w},${y0}"></polygon>
          <polygon class="slab" points="${x0 + w},${y0} ${x0 + w + DEPTH_X},${y0 - DEPTH_Y} ${x0 + w + DEPTH_X},${y0 + layerH - DEPTH_Y} ${x0 + w},${y0 + layerH}"></polygon>`,
      );
      labels.push(svg`<text class="label" x="4" y=${layerY(n) + layerH / 2 + 4}>n = ${n}</text>`);
      if (C <= 16) {
        for (let c = 0; c < C; c++) {
          labels.push(
            svg`<text class="axis" x=${LEFT - 6} y=${layerY(n) + c * CELL + CELL / 2 + 3} text-anchor="end">c${c}</text>`,
          );
        }
      }
    }
    let pick = nothing;
    if (this.selected !== null && this.selected < v.group.length) {
      const { n, c, s } = cubeIndex(this.selected, v.shape);
      pick = svg`<rect class="pick" x=${LEFT + s * CELL - 1} y=${layerY(n) + c * CELL - 1}
        width=${CELL} height=${CELL} rx="3"></rect>`;
    }
    const lang = this.lang;
    const label = t(lang, TEXT.picture)(this.#moduleName(v), shapeText(v.shape), v.statCount);
    return html`<svg
      viewBox="0 0 ${width} ${height}"
      style="--cube-units: ${width}"
      role="img"
      aria-label=${label}
      @pointerover=${this.#onPointer}
      @click=${this.#onPointer}
    >
      <text class="axis" x=${LEFT} y="12">${t(lang, TEXT.axisSpatial)}</text>
      <text class="axis" x=${LEFT - 6} y=${TOP - 12} text-anchor="end">
        ${t(lang, TEXT.axisChannel)}
      </text>
      ${slabs} ${labels} ${cells} ${pick}
    </svg>`;
  }

  #code(v) {
    const dims = v.shape.map((_, i) => i).slice(2);
    const spatial = dims.length === 1 ? String(dims[0]) : `(${dims.join(', ')})`;
    const [N] = v.shape;
    const stats = {
      batch: [
        `# BatchNorm: one mean per channel, over the batch and every position`,
        `mean = x.mean(dim=(0, ${dims.join(', ')}))`,
        `var = x.var(dim=(0, ${dims.join(', ')}), unbiased=False)`,
      ],
      layer: [
        `# LayerNorm: one mean per sample, over all its channels and positions`,
        `mean = x.mean(dim=(${[1, ...dims].join(', ')}))`,
        `var = x.var(dim=(${[1, ...dims].join(', ')}), unbiased=False)`,
      ],
      instance: [
        `# InstanceNorm: one mean per sample and channel, over the positions`,
        `mean = x.mean(dim=${spatial})`,
        `var = x.var(dim=${spatial}, unbiased=False)`,
      ],
      group: [
        `# GroupNorm: one mean per sample and group of channels`,
        `mean = x.view(${N}, ${v.groups}, -1).mean(-1)`,
        `var = x.view(${N}, ${v.groups}, -1).var(-1, unbiased=False)`,
      ],
    }[v.kind];
    return [
      'import torch',
      'from torch import nn',
      '',
      `x = ${tensorLiteral(v.values, v.shape, 4)}`,
      `norm = ${moduleLiteral(v.options)}`,
      'y = norm(x)',
      ...stats,
      'print(mean.shape, mean.numel())  # how many mean/variance pairs',
      'print([round(m, 4) for m in mean.flatten().tolist()])',
      'for name, p in norm.named_parameters():',
      '    print(name, p.shape)',
    ].join('\n');
  }

  render() {
    const lang = this.lang;
    const v = this.view;
    if (!v) {
      return html`${this.#controls()}
      ${
        this.error
          ? html`<p class="error" role="alert">${this.error}</p>`
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
      }`;
    }
    const size = v.sizes.get(v.group[0]) ?? 0;
    const params = v.paramShapes.length
      ? v.paramShapes.map(([name, s]) => `${name} ${shapeText(s)}`).join(', ')
      : null;
    return html`
      ${this.#controls()}
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p class="summary">${t(lang, TEXT.summary)(this.#moduleName(v), v.statCount, size)}</p>
      <p class="params">
        ${params ? html`${t(lang, TEXT.params)}<code>${params}</code>` : t(lang, TEXT.noParams)}
      </p>
      ${this.compact ? nothing : html`<p class="hint muted">${t(lang, TEXT.hint)}</p>`}
      <div
        class="cube"
        tabindex="0"
        role="group"
        aria-label=${t(lang, TEXT.cubeRole)}
        aria-describedby="detail"
        @keydown=${this.#onKeydown}
        @focus=${() => this.selected === null && this.#select(0)}
      >
        ${this.#cube(v)}
      </div>
      <p class="detail" id="detail" aria-live="polite">
        ${this.selected !== null ? this.#detail(v, this.selected) : nothing}
      </p>
      ${this.contrastTool ? this.#contrastTool(v) : nothing}
      ${
        this.compact
          ? nothing
          : html`<details>
                <summary>${t(lang, TEXT.edit)}</summary>
                <tensor-editor
                  label="x"
                  .shape=${v.shape}
                  .values=${v.values}
                  .groups=${v.group}
                  @tensor-change=${this.#onTensor}
                ></tensor-editor>
                ${
                  this.fieldErrors.values
                    ? html`<p class="field-error" role="alert">${this.fieldErrors.values}</p>`
                    : nothing
                }
                <button
                  type="button"
                  @click=${() => this.#tryApply('values', { values: seededValues(numel(v.shape)) })}
                >
                  ${t(lang, TEXT.reset)}
                </button>
              </details>
              <pytorch-code .code=${this.#code(v)}></pytorch-code>`
      }
    `;
  }

  #contrastTool(v) {
    const lang = this.lang;
    const i = this.selected ?? 0;
    const { n, c } = cubeIndex(i, v.shape);
    const label = `x[${n}, ${c}, ${v.shape
      .slice(2)
      .map(() => ':')
      .join(', ')}]`;
    return html`<div class="controls" role="group" aria-label=${t(lang, TEXT.contrastOn)(label)}>
        <button type="button" @click=${() => this.#adjustSlice('scale')}>
          ${t(lang, TEXT.contrast)}
        </button>
        <button type="button" @click=${() => this.#adjustSlice('shift')}>
          ${t(lang, TEXT.brightness)}
        </button>
        <span class="muted">${t(lang, TEXT.contrastOn)(label)}</span>
      </div>
      <p class="contrast-note" aria-live="polite">${this.contrastNote}</p>`;
  }

  #controls() {
    if (this.compact) return nothing;
    const lang = this.lang;
    const err = this.fieldErrors;
    return html`<div class="controls">
      <div class="field">
        <span id="kind-label">${t(lang, TEXT.kind)}</span>
        <div class="segmented" role="group" aria-labelledby="kind-label">
          ${KINDS.map(
            (k) =>
              html`<button
                type="button"
                aria-pressed=${this.kind === k ? 'true' : 'false'}
                @click=${() => this.#onKind(k)}
              >
                ${t(lang, KIND_NAMES[k])}
              </button>`,
          )}
        </div>
        ${err.kind ? html`<p class="field-error" role="alert">${err.kind}</p>` : nothing}
      </div>
      ${textField({
        key: 'shape',
        label: t(lang, TEXT.shape),
        value: this.shapeText,
        error: err.shape,
        onInput: this.#onShapeInput,
      })}
      ${textField({
        key: 'groups',
        label: t(lang, TEXT.groups),
        inputmode: 'numeric',
        value: this.groupsText,
        error: err.groups,
        onInput: this.#onGroupsInput,
      })}
    </div>`;
  }
}

customElements.define('norm-cube', NormCube);
