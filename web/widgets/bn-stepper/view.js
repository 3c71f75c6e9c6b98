// <bn-stepper>'s pictures, pure functions of its state: the options, a chart per channel, the last
// step's table and the eval section.
import { html, nothing } from 'lit';
import { scaleLinear } from 'd3-scale';
import { bottomAxis, leftAxis } from '../../charts/axes.js';
import { linePath } from '../../charts/series.js';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { bufferSeries } from './model.js';

const W = 300;
const H = 150;
const M = { l: 40, r: 8, t: 8, b: 22 };

/**
 * Channel c's running_mean and running_var over the steps, with the true values dashed; while
 * playing, the newest point slides in (`fraction` of the way).
 * @param {string} lang
 * @param {{history: {step: number, buffers: any}[], trueMean: number[], trueVar: number[]}} state
 * @param {number} c
 * @param {number} fraction
 */
export function channelChart(lang, { history, trueMean, trueVar }, c, fraction) {
  const points = history.filter((h) => h.buffers.running_mean);
  const first = points[0]?.step ?? 0;
  const lastStep = points.at(-1)?.step ?? 0;
  const x = scaleLinear()
    .domain([first, Math.max(first + 10, lastStep)])
    .range([M.l, W - M.r]);
  // a running variance that overflowed float32 (inputs near 1e30) is left out of the scale
  const ys = points
    .flatMap((p) => [p.buffers.running_mean[c], p.buffers.running_var[c]])
    .filter(Number.isFinite);
  ys.push(trueMean[c], trueVar[c]);
  const y = scaleLinear()
    .domain([Math.min(...ys), Math.max(...ys)])
    .nice()
    .range([H - M.b, M.t]);
  const path = (key) => {
    const { xs, ys: values } = bufferSeries(points, key, c, fraction);
    return linePath(values, { x, y, xs });
  };
  const now = points.at(-1)?.buffers;
  const label = now
    ? t(lang, TEXT.chartLabel)(
        c,
        formatNumber(now.running_mean[c]),
        formatNumber(now.running_var[c]),
        formatNumber(trueMean[c]),
        formatNumber(trueVar[c]),
      )
    : '';
  const truth = (cls, v) =>
    html`<line class="truth ${cls}" x1=${M.l} x2=${W - M.r} y1=${y(v)} y2=${y(v)}></line>`;
  return html`<figure class="chart" style="margin:0">
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
      ${bottomAxis(x, { y: H - M.b, count: 4, tickSize: 0, labelGap: 16 })}
      ${leftAxis(y, { x: M.l, count: 4, tickSize: 0, labelGap: 4 })}
      ${truth('mean-line', trueMean[c])} ${truth('var-line', trueVar[c])}
      <path class="series mean-line" d=${path('running_mean')}></path>
      <path class="series var-line" d=${path('running_var')}></path>
    </svg>
    <figcaption class="muted">${t(lang, TEXT.channel)} ${c}</figcaption>
  </figure>`;
}

/** The last step's batch statistics and buffers, per channel, and running_var[0]'s update. */
export function lastStepTable(lang, last, channels) {
  if (!last) return html`<p class="muted">${t(lang, TEXT.noStep)}</p>`;
  const tracked = Boolean(last.after.running_mean);
  const f = formatNumber;
  const rows = Array.from({ length: channels }, (_, c) => c);
  return html`<p class="caption">${t(lang, TEXT.lastStep)}</p>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.channel)}</th>
            <th scope="col">${t(lang, TEXT.colMean)}</th>
            <th scope="col">${t(lang, TEXT.colBiased)}</th>
            <th scope="col">${t(lang, TEXT.colUnbiased)}</th>
            ${
              tracked
                ? html`<th scope="col">${t(lang, TEXT.colRunMean)}</th>
                    <th scope="col">${t(lang, TEXT.colRunVar)}</th>`
                : nothing
            }
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (c) =>
              html`<tr data-channel=${c}>
                <td>${c}</td>
                <td class="batch-mean">${f(last.mean[c])}</td>
                <td class="biased">${f(last.biased[c])}</td>
                <td class="unbiased">${f(last.unbiased[c])}</td>
                ${
                  tracked
                    ? html`<td class="running-mean">${f(last.after.running_mean[c])}</td>
                        <td class="running-var">${f(last.after.running_var[c])}</td>`
                    : nothing
                }
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      tracked
        ? html`<p class="formula">
            ${t(lang, TEXT.update)(
              last.factor,
              f(last.before.running_var[0]),
              f(last.unbiased[0]),
              f(last.after.running_var[0]),
            )}
          </p>`
        : nothing
    }`;
}

/**
 * The module's options: momentum (text), None, track_running_stats and the batch size (text).
 * @param {string} lang
 * @param {{momentumText: string, momentumError: boolean, cumulative: boolean, track: boolean,
 *   batchText: string, batchError: boolean}} s
 * @param {{momentum: (text: string) => void, cumulative: (on: boolean) => void,
 *   track: (on: boolean) => void, batch: (text: string) => void}} on
 */
export function optionsFieldset(lang, s, on) {
  return html`<fieldset>
    <legend>${t(lang, TEXT.options)}</legend>
    <div class="controls">
      <label class="field"
        >${t(lang, TEXT.momentum)}
        <input
          name="momentum"
          inputmode="decimal"
          autocomplete="off"
          .value=${s.momentumText}
          ?disabled=${s.cumulative}
          aria-invalid=${s.momentumError ? 'true' : 'false'}
          aria-describedby="momentum-error"
          @input=${(e) => on.momentum(e.target.value)}
      /></label>
      <label class="field inline"
        ><input
          type="checkbox"
          name="cumulative"
          .checked=${s.cumulative}
          @change=${(e) => on.cumulative(e.target.checked)}
        />${t(lang, TEXT.cumulative)}</label
      >
      <label class="field inline"
        ><input
          type="checkbox"
          name="track"
          .checked=${s.track}
          @change=${(e) => on.track(e.target.checked)}
        />${t(lang, TEXT.track)}</label
      >
      <label class="field"
        >${t(lang, TEXT.batchSize)}
        <input
          name="batch"
          inputmode="numeric"
          autocomplete="off"
          .value=${s.batchText}
          aria-invalid=${s.batchError ? 'true' : 'false'}
          aria-describedby="batch-error"
          @input=${(e) => on.batch(e.target.value)}
      /></label>
    </div>
    <div aria-live="polite">
      ${
        s.momentumError
          ? html`<p class="error" id="momentum-error">${t(lang, TEXT.momentumBad)}</p>`
          : nothing
      }
      ${
        s.batchError
          ? html`<p class="error" id="batch-error">${t(lang, TEXT.batchBad)}</p>`
          : nothing
      }
    </div>
  </fieldset>`;
}

/** Step, play/pause, speed, a new batch, a new module. */
export function playControls(lang, { playing, speed, speeds }, on) {
  return html`<div class="controls">
    <button type="button" @click=${on.step} ?disabled=${playing}>${t(lang, TEXT.step)}</button>
    <button type="button" aria-pressed=${playing} @click=${on.togglePlay}>
      ${t(lang, playing ? TEXT.pause : TEXT.play)}
    </button>
    <label class="field inline"
      >${t(lang, TEXT.speed)}
      <select name="speed" @change=${(e) => on.speed(Number(e.target.value))}>
        ${speeds.map((v) => html`<option value=${v} ?selected=${v === speed}>${v}</option>`)}
      </select></label
    >
    <button type="button" @click=${on.newBatch}>${t(lang, TEXT.newBatch)}</button>
    <button type="button" @click=${on.reset}>${t(lang, TEXT.reset)}</button>
  </div>`;
}

/** model.eval() on one sample, and the same sample in training mode (PyTorch's refusal). */
export function evalSection(lang, { channels, sample, evaluation }, onSample) {
  return html`<h3>${t(lang, TEXT.evalHeading)}</h3>
    <p class="caption">${t(lang, TEXT.sampleCaption)}</p>
    <tensor-editor
      label="sample"
      .shape=${[1, channels]}
      .values=${sample}
      @tensor-change=${(e) => onSample(e.detail.values)}
    ></tensor-editor>
    <div aria-live="polite" class="eval">
      ${
        evaluation?.output
          ? html`<p class="caption">${t(lang, TEXT.evalOutput)}</p>
              <tensor-editor
                readonly
                label="y_eval"
                .shape=${[1, channels]}
                .values=${evaluation.output}
              ></tensor-editor>`
          : html`<p>${t(lang, TEXT.evalNoTrack)}</p>
              <p class="error eval-error">${evaluation?.error}</p>`
      }
      ${
        evaluation?.trainError
          ? html`<p>${t(lang, TEXT.trainAlone)}</p>
              <p class="error train-error">${evaluation.trainError}</p>`
          : nothing
      }
    </div>`;
}
