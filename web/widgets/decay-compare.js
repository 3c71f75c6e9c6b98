// <decay-compare>: Adam's L2 weight decay against AdamW's decoupled decay, on the engine's
// "bowl_l2" surface, whose two coordinates have gradients 100x apart in scale. Three runs from
// the same start, all computed by engine.trajectory: Adam without decay, Adam with weight_decay
// (λθ added to the gradient, then divided by √v̂) and AdamW (θ shrunk by lr·λ·θ directly).
//   <decay-compare lr="0.05" weight-decay="0.1" steps="300"></decay-compare>
import { hostStyle } from './shared/host-style.js';
import { fieldInput, fieldError } from './shared/text-field.js';
import { formStyles, parseNumberText, fieldText, TEXT as COMMON } from './shared/optim-controls.js';
import { markStart, markEnd } from './shared/measure.js';
import { LitElement, html, svg, css, nothing } from 'lit';
import { parseInteger } from '../model/parse.js';
import { LangController } from '../controllers/lang-controller.js';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { px } from '../charts/svg-safe.js';
import { tickAnchor, tickBaseline, clearsXLabels } from '../charts/tick-labels.js';
import { getEngine } from '../engine/shared.js';
import { HashStateController } from '../state/url-state.js';
import * as codec from '../state/codecs.js';
import { t, formatNumber } from '../i18n.js';
import { pyNumber } from '../model/pytorch.js';
import { describeSurfaces, contourPaths, PYTHON } from '../model/race.js';
import './pytorch-code/index.js';

const SURFACE = 'bowl_l2';
const MAX_STEPS = 5000;

/** The three runs: which optimizer, and whether it gets the weight decay. */
export const RUNS = [
  { id: 'adam-plain', op: 'adam', decay: false, colour: '#7f7f7f', dash: '5 4' },
  { id: 'adam-l2', op: 'adam', decay: true, colour: '#d62728', dash: '' },
  { id: 'adamw', op: 'adamw', decay: true, colour: '#1f77b4', dash: '' },
];

// the dashed run drawn last: where its path and a solid one coincide (Adam without decay and AdamW
// until the decay has shrunk θ), the solid one shows through its gaps instead of covering it
const DRAW_ORDER = [...RUNS.filter((run) => !run.dash), ...RUNS.filter((run) => run.dash)];

const TEXT = {
  lr: { zh: '学习率 lr', en: 'Learning rate lr' },
  wd: { zh: '权重衰减 weight_decay（λ）', en: 'Weight decay weight_decay (λ)' },
  steps: { zh: '步数', en: 'Steps' },
  runs: {
    'adam-plain': { zh: 'Adam，无衰减', en: 'Adam, no decay' },
    'adam-l2': { zh: 'Adam，weight_decay = λ（L2）', en: 'Adam, weight_decay = λ (L2)' },
    adamw: { zh: 'AdamW，weight_decay = λ（解耦）', en: 'AdamW, weight_decay = λ (decoupled)' },
  },
  picture: {
    zh: (formula, parts) => `${formula} 的等高线和三条轨迹。${parts}`,
    en: (formula, parts) => `Contours of ${formula} and three paths. ${parts}`,
  },
  over: {
    zh: (name) => `${name}：x 和 y 随步数的变化`,
    en: (name) => `${name}: x and y over the steps`,
  },
  ends: { zh: (x, y) => `终点 (${x}, ${y})`, en: (x, y) => `ends at (${x}, ${y})` },
  run: { zh: '运行', en: 'Run' },
  final: { zh: (n) => `${n} 步后的 x`, en: (n) => `x after ${n} steps` },
  finalY: { zh: (n) => `${n} 步后的 y`, en: (n) => `y after ${n} steps` },
  summary: {
    zh: (a, w) =>
      `Adam（L2）停在 ${a}：梯度小的 y 被拉得远比 x 低。AdamW 停在 ${w}：x 和 y 按同样的比例收缩。`,
    en: (a, w) =>
      `Adam with L2 ends at ${a}: y, whose gradients are small, is pulled much further down than x. AdamW ends at ${w}: x and y shrink alike.`,
  },
  badSteps: {
    zh: `步数是 1 到 ${MAX_STEPS} 之间的整数；当前仍使用上一个有效值`,
    en: `Steps is a whole number from 1 to ${MAX_STEPS}; the last valid value is still in use`,
  },
  step: { zh: '步', en: 'step' },
  loading: { zh: '正在加载计算引擎…', en: 'Loading the engine…' },
  ignored: { zh: '链接中的部分状态无法识别，已忽略：', en: 'Ignored part of the link: ' },
};

const PLOT_W = 360;

export class DecayCompare extends LitElement {
  static properties = {
    lr: { type: Number },
    weightDecay: { type: Number, attribute: 'weight-decay' },
    steps: { type: Number },
    lang: { type: String },
    stateKey: { attribute: 'state-key' },
    stateNotice: { state: true },
    texts: { state: true },
    errors: { state: true },
    results: { state: true },
  };

  static styles = [
    hostStyle,
    formStyles,
    css`
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: 0.8em;
        align-items: flex-start;
      }
      figure {
        margin: 0;
        flex: 1 1 15em;
        max-width: 26em;
      }
      figcaption {
        font-size: 0.9em;
        font-weight: 600;
      }
      .contour {
        fill: none;
        stroke: var(--nl-muted, #5b6472);
        stroke-opacity: 0.45;
      }
      .axis text {
        fill: var(--nl-muted, #5b6472);
        font-size: 11px;
      }
      .axis line,
      .frame {
        stroke: var(--nl-border, #c8cdd6);
        fill: none;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1em;
        font-size: 0.9em;
        margin: 0.3em 0;
      }
      .summary {
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    this.lr = 0.05;
    this.weightDecay = 0.1;
    this.steps = 300;
    this.lang = 'en';
    new LangController(this);
    this.stateKey = '';
    this.stateNotice = '';
    this.texts = null;
    this.errors = { lr: '', weightDecay: '', steps: '' };
    this.results = null;
    this.engine = null;
    this.info = null;
    new HashStateController(this, {
      lr: codec.number(), // the engine judges it, in PyTorch's words
      weightDecay: codec.number(), // the engine judges it, in PyTorch's words
      steps: codec.int(1, MAX_STEPS),
    });
  }

  async connectedCallback() {
    super.connectedCallback();
    this.engine = await getEngine();
    this.info = describeSurfaces(this.engine).find((s) => s.name === SURFACE);
    if (!(Number.isInteger(this.steps) && this.steps >= 1 && this.steps <= MAX_STEPS)) {
      this.steps = 300;
    }
    // a link may carry values the constructor refuses: keep PyTorch's word and the defaults
    try {
      this.#check(this.lr, this.weightDecay);
    } catch (err) {
      this.stateNotice = err.message;
      this.lr = 0.05;
      this.weightDecay = 0.1;
    }
    this.requestUpdate('lr');
  }

  willUpdate(changed) {
    if (this.texts === null) this.texts = {};
    // a field keeps what the learner typed ("1e-1" stays "1e-1"); the link rewrites it
    const typed = this.#typed;
    this.#typed = new Set();
    for (const key of ['lr', 'weightDecay', 'steps']) {
      if (typed.has(key) || this.errors[key]) continue;
      if (changed.has(key) || this.texts[key] === undefined) {
        this.texts = { ...this.texts, [key]: fieldText(this[key]) };
      }
    }
    if (this.engine && ['lr', 'weightDecay', 'steps'].some((k) => changed.has(k))) {
      markStart('decay-compare');
      this.#compute();
    }
  }

  updated() {
    markEnd('decay-compare');
  }

  #argsFor(run, lr, wd) {
    // Adam's default weight_decay is 0 and AdamW's 0.01: the run without decay says 0 outright
    return { lr, weight_decay: run.decay ? wd : 0 };
  }

  /** Throws PyTorch's message when Adam or AdamW would refuse these values. */
  #check(lr, wd) {
    for (const run of RUNS) {
      this.engine.optimizer(run.op, this.#argsFor(run, lr, wd), [0, 0]).delete();
    }
  }

  #compute() {
    const results = {};
    for (const run of RUNS) {
      results[run.id] = this.engine.trajectory(
        SURFACE,
        run.op,
        this.#argsFor(run, this.lr, this.weightDecay),
        this.info.start,
        this.steps,
      );
    }
    this.results = results;
  }

  #typed = new Set();

  #onField(key, text) {
    this.texts = { ...this.texts, [key]: text };
    const setError = (message) => (this.errors = { ...this.errors, [key]: message });
    if (key === 'steps') {
      const v = parseInteger(text);
      if (v === null || v < 1 || v > MAX_STEPS) {
        setError(t(this.lang, TEXT.badSteps));
        return;
      }
      setError('');
      this.#typed.add('steps');
      this.steps = v;
      return;
    }
    const v = parseNumberText(text);
    if (v === null) {
      setError(t(this.lang, COMMON.notNumber));
      return;
    }
    const lr = key === 'lr' ? v : this.lr;
    const wd = key === 'weightDecay' ? v : this.weightDecay;
    try {
      this.#check(lr, wd);
    } catch (err) {
      setError(err.message);
      return;
    }
    setError('');
    this.#typed.add(key);
    this[key] = v;
  }

  #field(key, label) {
    return html`<div>
      <label
        >${label}
        ${fieldInput({
          cls: 'num',
          inputmode: 'decimal',
          value: this.texts[key],
          error: this.errors[key],
          errorId: `${key}-error`,
          onInput: (e) => this.#onField(key, e.target.value),
        })}</label
      >
      ${fieldError(`${key}-error`, this.errors[key])}
    </div>`;
  }

  #end(id) {
    const r = this.results[id];
    const n = r.x.length - 1;
    return [r.x[n], r.y[n]];
  }

  #surfacePlot() {
    const lang = this.lang;
    const [xmin, xmax, ymin, ymax] = this.info.view;
    const width = PLOT_W;
    const height = Math.round((width * (ymax - ymin)) / (xmax - xmin));
    const x = scaleLinear().domain([xmin, xmax]).range([0, width]);
    const y = scaleLinear().domain([ymin, ymax]).range([height, 0]);
    this.contours ??= contourPaths(this.engine, this.info, x, y);
    const path = line()
      .x((i) => px(x(i[0])))
      .y((i) => px(y(i[1])))
      .defined((i) => Number.isFinite(i[0]) && Number.isFinite(i[1]));
    const parts = RUNS.map((run) => {
      const [ex, ey] = this.#end(run.id);
      return `${t(lang, TEXT.runs[run.id])} ${t(lang, TEXT.ends)(formatNumber(ex), formatNumber(ey))}`;
    }).join('; ');
    return html`<figure>
      <svg
        viewBox="0 0 ${width} ${height}"
        role="img"
        aria-label=${t(lang, TEXT.picture)(this.info.formula, parts)}
      >
        <defs>
          <clipPath id="clip"><rect width=${width} height=${height}></rect></clipPath>
        </defs>
        <g clip-path="url(#clip)">
          ${this.contours.map((c) => svg`<path class="contour" d=${c.d}></path>`)}
          ${DRAW_ORDER.map((run) => {
            const r = this.results[run.id];
            const points = Array.from(r.x, (v, i) => [v, r.y[i]]);
            return svg`<path data-run=${run.id} d=${path(points)} fill="none" stroke-width="2"
              stroke=${`var(--nl-decay-${run.id}, ${run.colour})`} stroke-dasharray=${run.dash}></path>`;
          })}
        </g>
        <rect class="frame" width=${width} height=${height}></rect>
        <g class="axis">
          ${x.ticks(5).map((v) => {
            const label = formatNumber(v);
            const anchor = tickAnchor(x(v), label, [0, width]);
            return svg`<text x=${x(v)} y=${height - 4} text-anchor=${anchor}>${label}</text>`;
          })}
          ${y
            .ticks(5)
            .filter((v) => clearsXLabels(y(v), height))
            .map(
              (v) =>
                svg`<text x="4" y=${tickBaseline(y(v), [0, height])}>${formatNumber(v)}</text>`,
            )}
        </g>
      </svg>
      <figcaption>${this.info.formula}</figcaption>
    </figure>`;
  }

  /** x(t) solid and y(t) dashed for one run. */
  #timePlot(run) {
    const lang = this.lang;
    const r = this.results[run.id];
    const width = PLOT_W;
    const height = 170;
    const pad = { l: 34, r: 8, t: 8, b: 20 };
    const all = [...r.x, ...r.y].filter(Number.isFinite);
    const top = Math.max(...all, 1);
    const bottom = Math.min(...all, 0);
    const sx = scaleLinear()
      .domain([0, r.x.length - 1])
      .range([pad.l, width - pad.r]);
    const sy = scaleLinear()
      .domain([bottom, top])
      .nice()
      .range([height - pad.b, pad.t]);
    const path = (values) =>
      line()
        .x((_, i) => sx(i))
        .y((v) => sy(v))
        .defined(Number.isFinite)(Array.from(values));
    const colour = `var(--nl-decay-${run.id}, ${run.colour})`;
    const name = t(lang, TEXT.runs[run.id]);
    const [ex, ey] = this.#end(run.id);
    return html`<figure data-run=${run.id}>
      <svg
        viewBox="0 0 ${width} ${height}"
        role="img"
        aria-label="${t(lang, TEXT.over)(name)}. ${t(lang, TEXT.ends)(formatNumber(ex), formatNumber(ey))}"
      >
        <rect
          class="frame"
          x=${pad.l}
          y=${pad.t}
          width=${width - pad.l - pad.r}
          height=${height - pad.t - pad.b}
        ></rect>
        <path d=${path(r.x)} fill="none" stroke=${colour} stroke-width="2"></path>
        <path
          d=${path(r.y)}
          fill="none"
          stroke=${colour}
          stroke-width="2"
          stroke-dasharray="6 4"
        ></path>
        <g class="axis">
          ${sy.ticks(4).map((v) => svg`<text x=${pad.l - 4} y=${sy(v) + 4} text-anchor="end">${formatNumber(v)}</text>`)}
          ${sx.ticks(4).map((v) => {
            const label = formatNumber(v);
            const anchor = tickAnchor(sx(v), label, [0, width]);
            return svg`<text x=${sx(v)} y=${height - 5} text-anchor=${anchor}>${label}</text>`;
          })}
        </g>
      </svg>
      <figcaption>${t(lang, TEXT.over)(name)} (x —, y - -)</figcaption>
    </figure>`;
  }

  render() {
    const lang = this.lang;
    if (!this.results) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
    const fmt = ([x, y]) => `(${formatNumber(x)}, ${formatNumber(y)})`;
    return html`
      <div class="row">
        ${this.#field('lr', t(lang, TEXT.lr))} ${this.#field('weightDecay', t(lang, TEXT.wd))}
        ${this.#field('steps', t(lang, TEXT.steps))}
      </div>
      ${
        this.stateNotice
          ? html`<p class="muted" role="status">${t(lang, TEXT.ignored)}${this.stateNotice}</p>`
          : nothing
      }
      <div class="legend" aria-hidden="true">
        ${RUNS.map(
          (run) =>
            html`<span
              ><svg width="28" height="10" style="display:inline-block">
                <line
                  x1="0"
                  y1="5"
                  x2="28"
                  y2="5"
                  stroke-width="2"
                  stroke="var(--nl-decay-${run.id}, ${run.colour})"
                  stroke-dasharray=${run.dash}
                ></line></svg
              >${t(lang, TEXT.runs[run.id])}</span
            >`,
        )}
      </div>
      <div class="figures">
        ${this.#surfacePlot()} ${this.#timePlot(RUNS[1])} ${this.#timePlot(RUNS[2])}
      </div>
      <p class="summary" aria-live="polite">
        ${t(lang, TEXT.summary)(fmt(this.#end('adam-l2')), fmt(this.#end('adamw')))}
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(lang, TEXT.run)}</th>
              <th scope="col">${t(lang, TEXT.final)(this.steps)}</th>
              <th scope="col">${t(lang, TEXT.finalY)(this.steps)}</th>
            </tr>
          </thead>
          <tbody>
            ${RUNS.map((run) => {
              const [x, y] = this.#end(run.id);
              return html`<tr data-run=${run.id}>
                <td>${t(lang, TEXT.runs[run.id])}</td>
                <td>${formatNumber(x)}</td>
                <td>${formatNumber(y)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <pytorch-code
        .code=${decayCode({
          formula: this.info.formula,
          start: this.info.start,
          lr: this.lr,
          weightDecay: this.weightDecay,
          steps: this.steps,
        })}
      ></pytorch-code>
    `;
  }
}

/** The three runs in PyTorch, printing where each ends. */
export function decayCode({ formula, start, lr, weightDecay, steps }) {
  const [x0, y0] = start;
  const rate = pyNumber(lr);
  const decay = pyNumber(weightDecay);
  return [
    'import torch',
    '',
    `def f(p):  # ${formula}`,
    '    x, y = p',
    `    return ${PYTHON[SURFACE]}`,
    '',
    'runs = {',
    `    'Adam, no decay': lambda p: torch.optim.Adam([p], lr=${rate}),`,
    `    'Adam, L2': lambda p: torch.optim.Adam([p], lr=${rate}, weight_decay=${decay}),`,
    `    'AdamW': lambda p: torch.optim.AdamW([p], lr=${rate}, weight_decay=${decay}),`,
    '}',
    'for name, make in runs.items():',
    `    p = torch.tensor([${pyNumber(x0)}, ${pyNumber(y0)}], requires_grad=True)`,
    '    opt = make(p)',
    `    for step in range(${steps}):`,
    '        opt.zero_grad()',
    '        f(p).backward()',
    '        opt.step()',
    "    print(f'{name:16s} x={p[0].item():.6g}  y={p[1].item():.6g}')",
  ].join('\n');
}

customElements.define('decay-compare', DecayCompare);
