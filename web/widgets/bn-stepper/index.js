// <bn-stepper>: one BatchNorm1d(C) in training, fed batch after batch. Each batch is drawn from a
// fixed distribution per channel (or edited by the learner); after every step the module's buffers
// (running_mean, running_var, num_batches_tracked) come from the engine and are drawn as a small
// line chart per channel, converging on the true mean and variance. Then model.eval(): one sample
// alone, normalized with the running statistics.
//   <bn-stepper channels="3" batch="4" momentum="0.1" true-mean="2,-1,0.5" true-var="1,0.25,4">
// momentum="none" is PyTorch's momentum=None (a cumulative average); track-running-stats="false".
import { LitElement, html, nothing } from 'lit';
import { LangController } from '../../controllers/lang-controller.js';
import { EngineController } from '../../controllers/engine-controller.js';
import { PlaybackController } from '../../controllers/playback-controller.js';
import { groupMoments } from '../../engine/group-stats.js';
import { HashStateController } from '../../state/url-state.js';
import * as codec from '../../state/codecs.js';
import { t, formatNumber } from '../../i18n.js';
import { csvNumbers, boolAttribute, gaussianValues, resizeRows } from '../shared/dynamics-kit.js';
import { markStart, markEnd } from '../shared/measure.js';
import { parseNumber, parseInteger, flagAttribute } from '../../model/parse.js';
import { TEXT } from './text.js';
import { styles } from './styles.js';
import {
  MAX_STEPS,
  MAX_BATCH,
  SPEEDS,
  momentumCodec,
  momentumAttribute,
  momentumConverter,
  evaluateSample,
} from './model.js';
import { bnStepperCode } from './pytorch.js';
import { channelChart, lastStepTable, optionsFieldset, playControls, evalSection } from './view.js';
import '../tensor-editor/index.js';
import '../pytorch-code/index.js';

export class BnStepper extends LitElement {
  static properties = {
    lang: { type: String },
    channels: { type: Number },
    batch: { type: Number },
    momentum: { converter: momentumConverter },
    cumulative: { type: Boolean, converter: flagAttribute },
    track: { attribute: 'track-running-stats', converter: boolAttribute },
    trueMean: { attribute: 'true-mean', converter: csvNumbers },
    trueVar: { attribute: 'true-var', converter: csvNumbers },
    seed: { type: Number },
    values: { attribute: false },
    sample: { attribute: false },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    history: { state: true },
    last: { state: true },
    stepError: { state: true },
    momentumText: { state: true },
    momentumError: { state: true },
    batchText: { state: true },
    batchError: { state: true },
    evaluation: { state: true },
  };

  static styles = styles;

  // the page's one clock: a step per whole position while playing, `speed` steps per second
  #playback = new PlaybackController(this, {
    onStep: () => this.history.at(-1).step < MAX_STEPS && this.step(),
  });

  #engine = new EngineController(this, { onReady: () => this.#newModule() });

  constructor() {
    super();
    this.lang = 'en';
    new LangController(this);
    this.channels = 3;
    this.batch = 4;
    this.momentum = 0.1;
    this.cumulative = false;
    this.track = true;
    this.trueMean = [2, -1, 0.5];
    this.trueVar = [1, 0.25, 4];
    this.seed = 1;
    this.values = null;
    this.sample = null;
    this.stateKey = '';
    this.stateNotice = '';
    this.history = [];
    this.last = null;
    this.stepError = '';
    this.momentumText = null;
    this.momentumError = false;
    this.batchText = null;
    this.batchError = false;
    this.evaluation = null;
    this.#playback.setSpeed(5);
    this.module = null;
    this.drawn = 0; // how many batches have been drawn from the seeded stream
    new HashStateController(
      this,
      {
        momentum: momentumCodec,
        cumulative: codec.bool,
        track: codec.bool,
        batch: codec.int(1, MAX_BATCH),
        values: codec.floats,
        sample: codec.floats,
      },
      null,
      { attributes: { channels: codec.int(1, 16), momentum: momentumAttribute } },
    );
  }

  acceptState(prop, value) {
    if (prop === 'values') return value.length === this.batch * this.channels;
    if (prop === 'sample') return value.length === this.channels;
    return true;
  }

  /** Whether the clock runs (the Play button is pressed). */
  get playing() {
    return this.#playback.playing;
  }

  /** Steps per second while playing. */
  get speed() {
    return this.#playback.speed;
  }

  get engine() {
    return this.#engine.value;
  }

  get #options() {
    return {
      op: 'batch_norm',
      dims: 1,
      num_features: this.channels,
      momentum: this.cumulative ? null : this.momentum,
      track_running_stats: this.track,
    };
  }

  #draw(rows) {
    this.drawn += 1;
    return gaussianValues(rows * this.channels, this.seed * 7919 + this.drawn, {
      mean: this.trueMean,
      variance: this.trueVar,
    });
  }

  connectedCallback() {
    // the link's state first; the engine loads after this method (EngineController awaits it)
    super.connectedCallback();
    if (this.momentum === null) {
      this.cumulative = true;
      this.momentum = 0.1;
    }
    this.channels = Math.max(1, Math.min(16, Math.floor(this.channels) || 3));
    this.batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(this.batch) || 4));
    this.trueMean = this.#fit(this.trueMean, 0);
    this.trueVar = this.#fit(this.trueVar, 1).map((v) => Math.abs(v));
    if (this.values?.length !== this.batch * this.channels) this.values = this.#draw(this.batch);
    if (this.sample?.length !== this.channels) {
      this.sample = gaussianValues(this.channels, this.seed * 31 + 5, {
        mean: this.trueMean,
        variance: this.trueVar,
      });
    }
    this.momentumText ??= String(this.momentum);
    this.batchText ??= String(this.batch);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.module?.delete();
    this.module = null;
  }

  #fit(list, fallback) {
    return Array.from({ length: this.channels }, (_, c) => list[c] ?? fallback);
  }

  /** A fresh module, as `nn.BatchNorm1d(C, ...)` would be: running_mean 0, running_var 1. */
  #newModule() {
    markStart('bn-stepper');
    this.module?.delete();
    this.module = this.engine.norm(this.#options);
    this.history = [{ step: 0, buffers: this.module.buffers() }];
    this.last = null;
    this.stepError = '';
    this.#evaluate();
  }

  /**
   * Changing momentum on a live module, as `bn.momentum = 0.5` does in PyTorch: the buffers carry
   * over to a module built with the new momentum.
   */
  #changeMomentum() {
    if (!this.module) return;
    const buffers = this.module.buffers();
    const next = this.engine.norm(this.#options);
    // with track_running_stats=False there are no buffers to carry over
    if (buffers.running_mean) next.setBuffers(buffers);
    this.module.delete();
    this.module = next;
  }

  /** model.train(); model(x): returns false when the engine refused the batch. */
  step() {
    if (!this.module) return false;
    markStart('bn-stepper');
    const n = this.batch;
    const c = this.channels;
    const x = this.values;
    let r;
    try {
      r = this.module.forward(x, [n, c], { training: true });
    } catch (err) {
      this.stepError = err.message;
      return false;
    }
    this.stepError = '';
    // Both variances of each channel of this batch, from the engine's statistics kernel: the
    // biased one the step normalized with, the unbiased one it blended into running_var.
    const plan = this.module.plan([n, c]);
    const moments = groupMoments(this.engine, x, plan.group, { groups: plan.statCount });
    const before = this.history.at(-1);
    const buffers = this.module.buffers();
    const step = before.step + 1;
    this.last = {
      n,
      input: x,
      mean: r.mean,
      biased: moments.variance,
      unbiased: moments.unbiased,
      before: before.buffers,
      after: buffers,
      factor: this.cumulative ? `1/${buffers.num_batches_tracked}` : String(this.momentum),
    };
    const history = [...this.history, { step, buffers }];
    this.history = history.length > MAX_STEPS + 1 ? history.slice(-MAX_STEPS - 1) : history;
    this.values = this.#draw(n);
    this.#evaluate();
    return true;
  }

  /** model.eval(); model(sample), and the same sample on a throwaway module in training mode. */
  #evaluate() {
    this.evaluation = evaluateSample(
      this.engine,
      this.module,
      this.#options,
      this.sample,
      this.channels,
    );
  }

  updated() {
    markEnd('bn-stepper');
  }

  // ---- controls -------------------------------------------------------------------------------

  #onMomentum(text) {
    this.momentumText = text;
    // decimal numbers only: Number() would take "0x0" as 0
    const v = parseNumber(text);
    if (v === null || v < 0 || v > 1) {
      this.momentumError = true;
      return;
    }
    this.momentumError = false;
    if (v === this.momentum) return;
    this.momentum = v;
    if (!this.cumulative) this.#changeMomentum();
  }

  #onCumulative(on) {
    this.cumulative = on;
    this.#changeMomentum();
  }

  #onTrack(on) {
    this.track = on;
    this.#newModule();
  }

  #onBatch(text) {
    this.batchText = text;
    const v = parseInteger(text) ?? NaN;
    if (!(v >= 1 && v <= MAX_BATCH)) {
      this.batchError = true;
      return;
    }
    this.batchError = false;
    if (v === this.batch) return;
    const c = this.channels;
    this.values = resizeRows(this.values, c, v, c, this.#draw(v));
    this.batch = v;
    this.stepError = '';
  }

  #togglePlay() {
    if (this.#playback.playing) {
      this.#playback.pause();
      return;
    }
    // each press starts the clock afresh: the first step comes 1/speed s from now
    this.#playback.seek(0);
    this.#playback.play();
  }

  render() {
    const lang = this.lang;
    if (!this.#engine.ready || !this.module)
      return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const now = this.history.at(-1);
    const tracked = Boolean(now.buffers.running_mean);
    const playing = this.#playback.playing;
    const fraction = this.#playback.fraction;
    return html`
      ${
        this.stateNotice
          ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      ${optionsFieldset(lang, this, {
        momentum: (text) => this.#onMomentum(text),
        cumulative: (on) => this.#onCumulative(on),
        track: (on) => this.#onTrack(on),
        batch: (text) => this.#onBatch(text),
      })}

      <h3>${t(lang, TEXT.trainHeading)}</h3>
      <p class="caption">${t(lang, TEXT.batchCaption)(this.batch, this.channels)}</p>
      <p class="muted">
        ${t(lang, TEXT.drawn)(
          this.trueMean.map((v) => formatNumber(v)).join(', '),
          this.trueVar.map((v) => formatNumber(v)).join(', '),
        )}
      </p>
      <tensor-editor
        label="x"
        .shape=${[this.batch, this.channels]}
        .values=${this.values}
        @tensor-change=${(e) => (this.values = e.detail.values)}
      ></tensor-editor>
      ${playControls(
        lang,
        { playing, speed: this.#playback.speed, speeds: SPEEDS },
        {
          step: () => this.step(),
          togglePlay: () => this.#togglePlay(),
          speed: (v) => this.#playback.setSpeed(v),
          newBatch: () => (this.values = this.#draw(this.batch)),
          reset: () => this.#newModule(),
        },
      )}
      <div aria-live=${playing ? 'off' : 'polite'} class="status">
        ${this.stepError ? html`<p class="error step-error">${this.stepError}</p>` : nothing}
        <p>
          <span class="steps">${t(lang, TEXT.stepped)(now.step)}</span>${
            tracked
              ? html` · ${t(lang, TEXT.tracked)} =
                  <strong class="nbt">${now.buffers.num_batches_tracked}</strong>`
              : nothing
          }
        </p>
      </div>
      ${
        tracked
          ? html`<div class="legend">
                <span><span class="swatch mean-line"></span>${t(lang, TEXT.legendMean)}</span>
                <span><span class="swatch var-line"></span>${t(lang, TEXT.legendVar)}</span>
                <span>${t(lang, TEXT.legendTrue)}</span>
              </div>
              <div class="charts">
                ${Array.from({ length: this.channels }, (_, c) =>
                  channelChart(lang, this, c, playing ? fraction : 1),
                )}
              </div>`
          : html`<p class="no-buffers">${t(lang, TEXT.noBuffers)}</p>`
      }
      ${lastStepTable(lang, this.last, this.channels)}
      ${evalSection(lang, this, (values) => {
        this.sample = values;
        markStart('bn-stepper');
        this.#evaluate();
      })}
      <pytorch-code .code=${bnStepperCode(this.#options, this)}></pytorch-code>
    `;
  }
}

customElements.define('bn-stepper', BnStepper);
