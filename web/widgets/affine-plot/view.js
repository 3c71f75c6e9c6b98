// <affine-plot>'s view: pure functions of the computed curves, the language and the handlers.
import { html, svg, nothing } from 'lit';
import { scaleLinear } from 'd3-scale';
import { bottomAxis, leftAxis } from '../../charts/axes.js';
import { linePath } from '../../charts/series.js';
import { t, formatNumber } from '../../i18n.js';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { slopeVerdict } from './model.js';
import { TEXT } from './text.js';

const W = 560;
const H = 300;
const M = { top: 14, right: 16, bottom: 40, left: 44 };

/**
 * γ or β: a slider and the exact value's text field side by side, the field's message below.
 * `field`: {name, label ({zh, en}), value, min, max, text (what the field shows), error,
 * onSlider(text), onText(text)}.
 */
export function numberField(lang, { name, label, value, min, max, text, error, onSlider, onText }) {
  return html`<div class="field">
    <span id="${name}-label">${t(lang, label)}</span>
    <div class="pair">
      <input
        type="range"
        name="${name}-slider"
        min=${min}
        max=${max}
        step="0.1"
        aria-labelledby="${name}-label"
        .value=${String(Math.min(max, Math.max(min, value)))}
        @input=${(e) => onSlider(e.target.value)}
      />
      ${fieldInput({
        name,
        inputmode: 'decimal',
        ariaLabel: `${t(lang, label)} ${t(lang, TEXT.exact)}`,
        value: text,
        error,
        errorId: `${name}-error`,
        onInput: (e) => onText(e.target.value),
      })}
    </div>
    ${fieldError(`${name}-error`, error)}
  </div>`;
}

/** The plot: the band x̂ ∈ [−1, 1], the axes, f(x̂) dashed, f(γ·x̂ + β), the learner's values. */
export function plot(r, lang) {
  const x = scaleLinear()
    .domain([-r.reach, r.reach])
    .range([M.left, W - M.right]);
  const sigmoid = r.activation === 'sigmoid';
  const y = scaleLinear()
    .domain(sigmoid ? [0, 1] : [-1, 1])
    .range([H - M.bottom, M.top]);
  const path = (ys) => linePath(ys, { x, y, xs: r.grid });
  const f = r.activation;
  const label = t(lang, TEXT.plot)(f, formatNumber(r.gamma), formatNumber(r.beta));
  return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
    <rect
      class="band"
      x=${x(-1)}
      y=${M.top}
      width=${x(1) - x(-1)}
      height=${H - M.top - M.bottom}
    ></rect>
    <g class="axis">
      ${bottomAxis(x, { y: H - M.bottom, count: 7 })} ${leftAxis(y, { x: M.left })}
      <text x=${(M.left + W - M.right) / 2} y=${H - 4} text-anchor="middle">
        ${t(lang, TEXT.axis)}
      </text>
    </g>
    <path class="base" d=${path(r.base)}></path>
    <path class="curve" d=${path(r.curve)}></path>
    ${Array.from(r.xhat, (v, i) =>
      Number.isFinite(v) && Number.isFinite(r.dots.y[i])
        ? svg`<circle class="dot" cx=${x(v)} cy=${y(r.dots.y[i])} r="4.5"></circle>`
        : nothing,
    )}
  </svg>`;
}

/** The curves' legend. */
export const legend = (lang) =>
  html`<div class="legend">
    <span><span class="key"></span>${t(lang, TEXT.curve)}</span>
    <span><span class="key base-key"></span>${t(lang, TEXT.base)}</span>
    <span><span class="key dot-key"></span>${t(lang, TEXT.dots)}</span>
  </div>`;

/** The slopes at the learner's values, and what they say (linear, curved, saturated). */
export function summary(r, lang) {
  const slopes = Array.from(r.dots.slope).filter(Number.isFinite);
  if (!slopes.length) return nothing;
  const lo = Math.min(...slopes);
  const hi = Math.max(...slopes);
  const verdict = TEXT[slopeVerdict(slopes, r.peak)];
  return html`<p class="summary">
    ${t(lang, TEXT.slope)(slopes.length, r.activation, formatNumber(lo, 3), formatNumber(hi, 3))}
    <strong>${t(lang, verdict)}</strong>
  </p>`;
}
