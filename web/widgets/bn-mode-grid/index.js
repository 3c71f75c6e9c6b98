// <bn-mode-grid>: the pitfall "model.eval() vs torch.no_grad()". One batch through a fresh
// BatchNorm1d(3) in each cell of {train, eval} × {grad, no_grad}: which statistics normalized the
// batch and whether running_mean, running_var and num_batches_tracked moved, all from the engine.
// no_grad changes neither (it only stops the graph), so a validation loop under no_grad alone
// feeds the validation batch into the running statistics.
//   <bn-mode-grid></bn-mode-grid>   <bn-mode-grid values="1,2,3,3,4,9,5,0,0,7,2,4">
import { LitElement, html } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { DraftFieldController } from '../../controllers/draft-field-controller.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { groupMoments } from '../../engine/group-stats.js';
import { t } from '../../i18n.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import { gridView, noticeView } from './view.js';
import { gridCode } from './pytorch.js';

/** The default batch: the one tests/golden/pitfalls.json's grid cases pin. */
export const GRID_BATCH = [1, 2, 3, 3, 4, 9, 5, 0, 0, 7, 2, 4];
const SHAPE = [4, 3];
const CELLS = [
  ['train', true],
  ['train', false],
  ['eval', true],
  ['eval', false],
];

/** Runs the four cells on `engine`: [{mode, grad, mean, variance, usedBatch, before, after, moved}]. */
export function gridCells(engine, values) {
  return CELLS.map(([mode, grad]) => {
    const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: SHAPE[1] });
    try {
      const before = bn.buffers();
      // no_grad: the same forward (our kernels build no graph); only backward would differ
      const r = bn.forward(values, SHAPE, { training: mode === 'train' });
      const after = bn.buffers();
      const plan = bn.plan(SHAPE);
      const { variance } = groupMoments(engine, values, plan.group, { groups: plan.statCount });
      return {
        mode,
        grad,
        mean: Array.from(r.mean),
        variance: Array.from(mode === 'train' ? variance : after.running_var),
        usedBatch: mode === 'train',
        before: {
          ...before,
          running_mean: [...before.running_mean],
          running_var: [...before.running_var],
        },
        after: {
          ...after,
          running_mean: [...after.running_mean],
          running_var: [...after.running_var],
        },
        moved: after.num_batches_tracked !== before.num_batches_tracked,
      };
    } finally {
      bn.delete();
    }
  });
}

const batchCodec = {
  ...codec.floats,
  parse(text) {
    const v = codec.floats.parse(text);
    if (v.length !== 12) throw new Error(`needs 12 values, got ${v.length}`);
    return v;
  },
};

export class BnModeGrid extends LitElement {
  static properties = {
    lang: { type: String },
    values: { converter: { fromAttribute: (text) => text } },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
  };

  static styles = styles;

  #engine = new EngineController(this, { onReady: () => this.requestUpdate() });
  #fields = new DraftFieldController(this);

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.values = Float32Array.from(GRID_BATCH);
    this.stateKey = '';
    this.stateNotice = '';
    new HashStateController(this, { values: batchCodec });
  }

  #parseBatch(text) {
    const lang = this.lang;
    let v;
    try {
      v = codec.floats.parse(codec.floats.normalize(text));
    } catch {
      return { error: `“${text.slice(0, 20)}” ${t(lang, TEXT.batchText)}` };
    }
    if (v.length !== 12) return { error: t(lang, TEXT.batchBad)(v.length) };
    return { value: v };
  }

  #batchField() {
    return this.#fields.field('batch', {
      label: t(this.lang, TEXT.batch),
      value: this.values,
      format: (v) => Array.from(v).join(', '),
      parse: (text) => this.#parseBatch(text),
      commit: (v) => (this.values = v),
      cls: 'batch-input',
    });
  }

  render() {
    const lang = this.lang;
    const engine = this.#engine.value;
    const body = engine
      ? gridView(lang, gridCells(engine, this.values))
      : html`<p aria-busy=${this.#engine.error ? 'false' : 'true'}>
          ${
            this.#engine.error
              ? `${t(lang, TEXT.failed)}${this.#engine.error.message}`
              : t(lang, TEXT.loading)
          }
        </p>`;
    return html`${noticeView(lang, this.stateNotice)}
      <div class="controls">${this.#batchField()}</div>
      ${body}
      <pytorch-code .code=${gridCode(this.values)}></pytorch-code>`;
  }
}

customElements.define('bn-mode-grid', BnModeGrid);
