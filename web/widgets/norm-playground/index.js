// <norm-playground>: an editable tensor, a torch.nn normalization module applied to it by the C++
// kernels, and each statistics group's size, mean and variance, recomputed on every keystroke.
// Cells are coloured by the group whose mean they share (the engine's plan).
//   <norm-playground module="nn.BatchNorm2d(3)" shape="2,3,4,4"></norm-playground>
//   <norm-playground op="layer_norm" shape="2,3,4" normalized-shape="4"></norm-playground>
// Options: module-editable (a field for the module), shape-editable, affine-editable (γ and β
// as tensors), eps-editable (an ε field), show-unbiased (the ÷(n−1) variance beside the ÷n one),
// weight="…" / bias="…" (γ, β to start from), eps="…", label / output-label (the tensors' names in
// cell labels and in the PyTorch code: give each playground of a page its own).
import { LitElement } from 'lit';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { LangController } from '../../controllers/lang-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t } from '../../i18n.js';
import { parseList, parseNumber, flagAttribute } from '../../model/parse.js';
import { numel } from '../../model/shape.js';
import { seededValues } from '../../model/rng.js';
import { parseModule, specMessage } from '../../model/module-spec.js';
import { runModule } from '../../model/run-module.js';
import { markStart, markEnd } from '../shared/measure.js';
import { playgroundCode } from './pytorch.js';
import { styles } from './styles.js';
import { TEXT } from './text.js';
import { normPlaygroundView } from './view.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

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
    moduleEditable: { type: Boolean, converter: flagAttribute, attribute: 'module-editable' },
    shapeEditable: { type: Boolean, converter: flagAttribute, attribute: 'shape-editable' },
    affineEditable: { type: Boolean, converter: flagAttribute, attribute: 'affine-editable' },
    epsEditable: { type: Boolean, converter: flagAttribute, attribute: 'eps-editable' },
    showUnbiased: { type: Boolean, converter: flagAttribute, attribute: 'show-unbiased' },
    label: { type: String },
    outputLabel: { type: String, attribute: 'output-label' },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    moduleDraft: { state: true },
    moduleError: { state: true },
    result: { state: true },
    error: { state: true },
  };
  static styles = styles;

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
    this.stateKey = '';
    this.stateNotice = '';
    this.moduleDraft = null;
    this.moduleError = '';
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

  #engine = new EngineController(this, { onReady: () => this.#compute() });

  /** The engine once loaded, else null. */
  get engine() {
    return this.#engine.value;
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
      // (the cast: tsc reads runModule's options from its default, which names only `training`)
      const params = /** @type {any} */ ({ weight: this.weight, bias: this.bias });
      const r = runModule(this.engine, options, this.values, this.shape, params);
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

  /** The ε field's draft and message: a draft that is no number from 0 to 1 keeps the last ε. */
  #fields = new DraftFieldController(this);

  #onEps(text) {
    this.#fields.input('eps', text, {
      parse: (draft) => {
        // decimal numbers only: Number() would take "0x1" as 1
        const v = parseNumber(draft);
        return v === null || v < 0 || v > 1 ? { error: t(this.lang, TEXT.epsBad) } : { value: v };
      },
      commit: (v) => (this.eps = v),
    });
  }

  #safeOptions() {
    try {
      return this.#options();
    } catch {
      return { op: this.op, normalized_shape: this.normalizedShape };
    }
  }

  #viewCallbacks = {
    safeOptions: () => this.#safeOptions(),
    applyModule: (e) => this.#applyModule(e),
    setModuleDraft: (text) => (this.moduleDraft = text),
    onEps: (text) => this.#onEps(text),
    epsText: (eps) => this.#fields.text('eps', eps),
    epsError: () => this.#fields.error('eps'),
    setParam: (name, values) => (this[name] = values),
    onInputTensor: (e) => {
      if (e.detail.shape.join() !== this.shape.join()) this.shape = e.detail.shape;
      this.values = e.detail.values;
    },
    code: (r) => playgroundCode(r, this),
  };

  render() {
    return normPlaygroundView(this, this.#viewCallbacks);
  }
}

customElements.define('norm-playground', NormPlayground);
