// <training-lab>'s pictures and tables: pure functions of the lanes' records and the language.
import { html, svg, nothing } from 'lit';
import { scaleLinear } from 'd3-scale';
import { bottomAxis, leftAxis } from '../../charts/axes.js';
import { linePath } from '../../charts/series.js';
import { t, formatNumber } from '../../i18n.js';
import { parseInteger, parseNumber } from '../../model/parse.js';
import { TEXT } from './text.js';
import { laneCurves, laneNumbers } from './model.js';

export const COLOURS = [
  '#d62728',
  '#1f77b4',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
];
const W = 560;
const H = 200;
// room below the x ticks for the axis name, which sits under the last tick label
const M = { top: 10, right: 12, bottom: 34, left: 46 };
const percent = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–');

/** One chart of `which` ('loss' or 'accuracy') for every lane. */
export function chart(lang, which, lanes, maxSteps) {
  const curves = lanes.map((l) => laneCurves(l.records)[which]);
  const x = scaleLinear()
    .domain([0, Math.max(1, maxSteps)])
    .range([M.left, W - M.right]);
  const top =
    which === 'accuracy'
      ? 1
      : Math.min(
          3,
          Math.max(0.5, ...curves.flatMap((c) => c.ys.slice(0, 3)).filter(Number.isFinite)),
        );
  const y = scaleLinear()
    .domain([0, top])
    .range([H - M.bottom, M.top])
    .clamp(true);
  const title = t(lang, which === 'loss' ? TEXT.lossChart : TEXT.accuracyChart);
  const parts = lanes
    .map((l, i) => {
      const last = curves[i].ys.at(-1);
      return `${l.label}: ${last === undefined ? '–' : which === 'loss' ? formatNumber(last) : percent(last)}`;
    })
    .join('; ');
  const format = which === 'accuracy' ? (v) => `${Math.round(v * 100)}%` : undefined;
  return html`<figure class="chart" data-chart=${which}>
    <figcaption>${title}</figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t(lang, TEXT.chartLabel)(title, parts)}>
      ${bottomAxis(x, { y: H - M.bottom, count: 6 })}
      ${leftAxis(y, { x: M.left, count: 4, format })}
      ${lanes.map(
        (l, i) =>
          svg`<path class="curve" data-run=${l.label} stroke=${COLOURS[l.index % COLOURS.length]}
            d=${linePath(curves[i].ys, { x, y, xs: curves[i].xs })}></path>`,
      )}
      <text class="axis-name" x=${W - M.right} y=${H - 4} text-anchor="end">
        ${t(lang, TEXT.stepAxis)}
      </text>
    </svg>
  </figure>`;
}

/** The lanes' numbers, one row each. */
export function resultTable(lang, lanes, { trainEval }) {
  return html`<div class="scroll">
    <table class="results">
      <thead>
        <tr>
          <th scope="col">${t(lang, TEXT.run)}</th>
          <th scope="col">${t(lang, TEXT.stepsDone)}</th>
          <th scope="col">${t(lang, TEXT.loss)}</th>
          <th scope="col">${t(lang, TEXT.heldOutError)}</th>
          <th scope="col">${t(lang, TEXT.trainModeError)}</th>
          ${trainEval ? html`<th scope="col">${t(lang, TEXT.trainEvalError)}</th>` : nothing}
          <th scope="col">${t(lang, TEXT.weightNorm)}</th>
        </tr>
      </thead>
      <tbody>
        ${lanes.map((l) => {
          const n = laneNumbers(l.records);
          return html`<tr data-run=${l.label} data-done=${l.done ? 'true' : 'false'}>
            <td>
              <span class="swatch" style="background: ${COLOURS[l.index % COLOURS.length]}"></span>
              ${l.label}
            </td>
            <td data-col="steps">${n.step} / ${l.config.steps}</td>
            <td data-col="loss">${Number.isFinite(n.loss) ? formatNumber(n.loss) : '–'}</td>
            <td data-col="held-out-error">${percent(n.heldOutError)}</td>
            <td data-col="train-mode-error">${percent(n.trainModeError)}</td>
            ${trainEval ? html`<td data-col="train-eval-error">${percent(n.trainEvalError)}</td>` : nothing}
            <td data-col="weight-norm">
              ${Number.isFinite(n.weightNorm) ? formatNumber(n.weightNorm) : '–'}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

/** The experiment's statement, and whether the settings shown are the ones it was measured with. */
export const statement = (lang, exp, isDefault) =>
  html`<div class="statement">
    <h3>${t(lang, TEXT.statement)}</h3>
    <p data-statement=${exp.id}>${t(lang, exp.statement)}</p>
    <p class=${isDefault ? 'muted' : 'changed'}>
      ${t(lang, isDefault ? TEXT.measured : TEXT.changed)}
    </p>
  </div>`;

/** A menu field (label above, as the text fields), with its message. */
export const menu = (key, label, value, choices, error, onChange) =>
  html`<div class="field">
    <label for=${`${key}-input`}>${label}</label>
    <select id=${`${key}-input`} @change=${(e) => onChange(e.target.value)}>
      ${choices.map(
        ([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`,
      )}
    </select>
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : nothing}
  </div>`;

/** A text field's reader: a number (or an integer in `range`), else the message why not. */
export const fieldParser =
  (lang, integer, [lo, hi] = []) =>
  (text) => {
    const v = integer ? parseInteger(text) : parseNumber(text);
    const bad = integer ? t(lang, TEXT.badInteger)(lo, hi) : t(lang, TEXT.badNumber);
    if (v === null || (integer && (v < lo || v > hi))) return { error: bad };
    return { value: v };
  };

/** The experiment's runs as checkboxes: which of them train. */
export const runsPicker = (lang, exp, ticked, onToggle) =>
  html`<fieldset class="runs">
    <legend>${t(lang, TEXT.runs)}: ${t(lang, TEXT.experiments[exp.key])}</legend>
    ${exp.runs.map(
      (r, i) =>
        html`<label
          ><input
            type="checkbox"
            data-run=${r.label}
            .checked=${ticked.includes(r.label)}
            @change=${(e) => onToggle(r.label, e.target.checked)}
          /><span class="swatch" style="background: ${COLOURS[i % COLOURS.length]}"></span
          >${r.label}</label
        >`,
    )}
  </fieldset>`;

/** Train / Pause, Step, Reset and the progress over every run's steps. */
export const playbackRow = (lang, p) =>
  html`<div class="playback" role="group" aria-label=${t(lang, TEXT.playback)}>
    <button
      type="button"
      class="play"
      aria-pressed=${p.running ? 'true' : 'false'}
      ?disabled=${!p.runnable}
      @click=${p.onPlay}
    >
      ${t(lang, p.running ? TEXT.pause : TEXT.play)}
    </button>
    <button type="button" class="step" ?disabled=${!p.runnable} @click=${p.onStep}>
      ${t(lang, TEXT.step)}
    </button>
    <button type="button" class="reset" ?disabled=${!p.ready} @click=${p.onReset}>
      ${t(lang, TEXT.reset)}
    </button>
    <progress
      max=${p.total || 1}
      .value=${p.done}
      aria-label=${t(lang, TEXT.progress)}
      aria-valuetext=${`${p.done} / ${p.total}`}
    ></progress>
  </div>`;

/** What the live region says: changes at a run's start and end, a pause, the end, a failure. */
export function statusText(lang, phase, lanes, current) {
  const n = lanes.length;
  const lane = lanes[Math.max(0, current)];
  if (!n) return t(lang, TEXT.noRun);
  if (phase === 'error') return t(lang, TEXT.failed)(lane.error);
  if (phase === 'done') return t(lang, TEXT.done)(n);
  if (phase === 'idle') return t(lang, TEXT.idle)(n, Math.max(...lanes.map((l) => l.config.steps)));
  const k = Math.max(0, current) + 1;
  if (phase === 'running') return t(lang, TEXT.lane)(k, n, lane.label);
  const step = lane.records.at(-1)?.step ?? 0;
  return `${t(lang, TEXT.paused)} ${t(lang, TEXT.running)(k, n, lane.label, step, lane.config.steps)}`;
}
