// <norm-cube>: the (N, C, H·W) cube of an input, one layer per sample, every element coloured by
// the statistics group it belongs to under BatchNorm, LayerNorm, InstanceNorm or GroupNorm. The
// colours come from the engine's statistics plan (the same data the kernels reduce over), and the
// selected element's group mean, variance and output come from the kernels' forward pass.
//   <norm-cube kind="group" shape="2,6,4,4" groups="3"></norm-cube>
// Attributes: kind (batch|layer|instance|group), shape, groups, lang, compact (the picture and its
// summary only), contrast-tool (buttons that rescale one sample's channel), state-key.
// Events: cube-change {kind, shape, groups, values, options} after every successful recompute,
// cell-select {index, group} when an element is picked.
import { LitElement } from 'lit';
import { EngineController } from '../../controllers/engine-controller.js';
import { LangController } from '../../controllers/lang-controller.js';
import { markStart, markEnd } from '../shared/measure.js';
import { reductionTrace } from '../../engine/reduction-trace.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t, formatNumber } from '../../i18n.js';
import { parseInteger, flagAttribute } from '../../model/parse.js';
import {
  KINDS,
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
} from '../../model/norms.js';
import { styles } from './styles.js';
import { TEXT, NEGATIVE } from './text.js';
import { normCubeView } from './view.js';
import { keyTarget } from './model.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

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
    compact: { type: Boolean, converter: flagAttribute },
    contrastTool: { type: Boolean, converter: flagAttribute, attribute: 'contrast-tool' },
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
  static styles = styles;

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

  #engine = new EngineController(this);

  /** The engine once loaded, else null. */
  get engine() {
    return this.#engine.value;
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
    if (this.selected === null) {
      if (event.key.startsWith('Arrow') || event.key.startsWith('Page')) event.preventDefault();
      this.#select(0);
      return;
    }
    const next = keyTarget(event.key, this.selected, this.view.shape);
    if (next === null) return;
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

  #viewCallbacks = {
    detail: (v, i) => this.#detail(v, i),
    onPointer: (e) => this.#onPointer(e),
    onKeydown: (e) => this.#onKeydown(e),
    onFocus: () => this.selected === null && this.#select(0),
    onTensor: (e) => this.#onTensor(e),
    resetValues: () => this.#tryApply('values', { values: seededValues(numel(this.view.shape)) }),
    adjustSlice: (mode) => this.#adjustSlice(mode),
    onKind: (kind) => this.#onKind(kind),
    onShapeInput: (e) => this.#onShapeInput(e),
    onGroupsInput: (e) => this.#onGroupsInput(e),
  };

  render() {
    return normCubeView(this, this.#viewCallbacks);
  }
}

customElements.define('norm-cube', NormCube);
