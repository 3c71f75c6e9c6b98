// <reduction-player>'s templates: pure functions of the element `el` (its public properties, the
// computed `view` and the clock's `position` and `playing`) and `on`, its handlers.
import { html, svg, nothing } from 'lit';
import { t, formatNumber } from '../../i18n.js';
import { fullIndex } from '../../model/norms.js';
import { moduleLiteral } from '../../model/pytorch.js';
import { SPEEDS } from './model.js';
import { TEXT } from './text.js';

const CHIP_W = 72;
const CHIP_H = 30;
const GAP = 6;
const BOX_H = 46;

/** Ease in and out: an element in flight starts and lands gently. */
const ease = (f) => (f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2);

// ---- text -------------------------------------------------------------------------------------

function elementLabel(el, k) {
  return `x[${fullIndex(el.view.indices[k], el.shape).join(', ')}]`;
}

/** What has happened after `k` whole steps, in words. */
function statusText(el, k) {
  const lang = el.lang;
  const v = el.view;
  const { n, trace } = v;
  const f = formatNumber;
  if (k <= 0) return t(lang, TEXT.start)(n);
  if (k <= n) {
    const i = k - 1;
    let text = t(
      lang,
      TEXT.pass1,
    )({
      k,
      n,
      label: elementLabel(el, i),
      x: f(v.x[i]),
      sum: f(trace.runningSum[i]),
      mean: f(trace.runningMean[i]),
    });
    if (k === n) text += t(lang, TEXT.meanDone)(f(trace.mean));
    return text;
  }
  if (k <= 2 * n) {
    const i = k - n - 1;
    let text = t(
      lang,
      TEXT.pass2,
    )({
      k: i + 1,
      n,
      label: elementLabel(el, i),
      dev: f(trace.sqDev[i]),
      sq: f(trace.runningSq[i]),
    });
    if (i === n - 1) text += t(lang, TEXT.varDone)(n, f(trace.variance));
    return text;
  }
  if (k === 2 * n + 1) return t(lang, TEXT.normalize)(f(trace.rstd));
  return t(lang, TEXT.affine)(f(el.gamma), f(el.beta));
}

// ---- rendering --------------------------------------------------------------------------------

/** Chips per row: fewer on a narrow screen, so their text stays legible. */
const chipCols = (el) => (el.narrow ? 4 : 8);

function chipXY(cols, k) {
  return { x: 8 + (k % cols) * (CHIP_W + GAP), y: 8 + Math.floor(k / cols) * (CHIP_H + GAP) };
}

function pictureView(el) {
  const v = el.view;
  const { n, trace } = v;
  const p = el.position;
  const k = Math.floor(p);
  const frac = p - k;
  const f = formatNumber;
  const cols = chipCols(el);
  const rows = Math.ceil(n / cols);
  const width = 8 + cols * (CHIP_W + GAP);
  const boxCols = el.narrow ? 2 : 4;
  const boxW = (width - 8 - boxCols * 8) / boxCols;
  const boxTop = 8 + rows * (CHIP_H + GAP) + 26;
  const boxX = (b) => 8 + (b % boxCols) * (boxW + 8);
  const boxYOf = (b) => boxTop + Math.floor(b / boxCols) * (BOX_H + 8);
  const height = boxYOf(3) + BOX_H + 10;
  const color = `var(--nl-group-${el.group % 8})`;

  // what each chip shows: x during the two passes, x̂ after normalizing, y after the affine step
  const label = (i) => (k >= 2 * n + 2 ? trace.y[i] : k >= 2 * n + 1 ? trace.xhat[i] : v.x[i]);
  const inPass1 = k < n;
  const inPass2 = k >= n && k < 2 * n;
  const used = (i) => (k <= n ? i < k : k <= 2 * n ? i < k - n : false);
  const chips = Array.from({ length: n }, (_, i) => {
    const { x, y } = chipXY(cols, i);
    const fading = frac > 0 && (k === 2 * n || k === 2 * n + 1);
    return svg`<g class=${used(i) ? 'chip used' : 'chip'} data-i=${i}>
      <rect x=${x} y=${y} width=${CHIP_W} height=${CHIP_H} rx="5" fill=${color}></rect>
      <text x=${x + CHIP_W / 2} y=${y + 20} text-anchor="middle" opacity=${fading ? 1 - frac : 1}>${f(label(i))}</text>
    </g>`;
  });

  const boxes = [
    { name: TEXT.sum, value: k >= 1 ? trace.runningSum[Math.min(k, n) - 1] : null, on: inPass1 },
    { name: TEXT.mean, value: k >= n ? trace.mean : null, on: k === n },
    {
      name: TEXT.sq,
      value: k > n ? trace.runningSq[Math.min(k - n, n) - 1] : null,
      on: inPass2 && k > n,
    },
    { name: TEXT.variance, value: k >= 2 * n ? trace.variance : null, on: k === 2 * n },
  ];
  const boxEls = boxes.map(
    (b, j) => svg`<g class=${b.on ? 'box active' : 'box'}>
      <rect x=${boxX(j)} y=${boxYOf(j)} width=${boxW} height=${BOX_H} rx="6"></rect>
      <text class="name" x=${boxX(j) + 8} y=${boxYOf(j) + 15}>${t(el.lang, b.name)}</text>
      <text x=${boxX(j) + 8} y=${boxYOf(j) + 36}>${b.value === null ? '—' : f(b.value)}</text>
    </g>`,
  );

  // the element in flight, from its chip to the box it is being added to
  /** @type {unknown} */
  let flyer = nothing;
  if (frac > 0 && k < 2 * n) {
    const i = k < n ? k : k - n;
    const target = k < n ? 0 : 2;
    const from = chipXY(cols, i);
    const to = {
      x: boxX(target) + (boxW - CHIP_W) / 2,
      y: boxYOf(target) + (BOX_H - CHIP_H) / 2,
    };
    const e = ease(frac);
    const x = from.x + (to.x - from.x) * e;
    const y = from.y + (to.y - from.y) * e;
    const text = k < n ? f(v.x[i]) : f(trace.sqDev[i]);
    flyer = svg`<g class="flyer chip">
      <rect x=${x} y=${y} width=${CHIP_W} height=${CHIP_H} rx="5" fill=${color}></rect>
      <text x=${x + CHIP_W / 2} y=${y + 20} text-anchor="middle">${text}</text>
    </g>`;
  }
  return html`<svg
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-label=${t(el.lang, TEXT.picture)(n, el.group)}
  >
    ${chips} ${boxEls} ${flyer}
  </svg>`;
}

function tableView(el) {
  const v = el.view;
  const { trace } = v;
  const f = formatNumber;
  const lang = el.lang;
  return html`<details>
    <summary>${t(lang, TEXT.table)}</summary>
    <div class="table-wrap" tabindex="0" role="region" aria-label=${t(lang, TEXT.table)}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.colK)}</th>
            <th scope="col">${t(lang, TEXT.colElement)}</th>
            <th scope="col">x</th>
            <th scope="col">Σx</th>
            <th scope="col">${t(lang, TEXT.colRunMean)}</th>
            <th scope="col">${t(lang, TEXT.colDev)}</th>
            <th scope="col">Σ(x − μ)²</th>
            <th scope="col">x̂</th>
            <th scope="col">y</th>
          </tr>
        </thead>
        <tbody>
          ${Array.from(
            v.x,
            (x, i) =>
              html`<tr>
                <td>${i + 1}</td>
                <td>${elementLabel(el, i)}</td>
                <td>${f(x)}</td>
                <td>${f(trace.runningSum[i])}</td>
                <td>${f(trace.runningMean[i])}</td>
                <td>${f(trace.sqDev[i])}</td>
                <td>${f(trace.runningSq[i])}</td>
                <td>${f(trace.xhat[i])}</td>
                <td>${f(trace.y[i])}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

export function reductionPlayerView(el, on) {
  const lang = el.lang;
  const v = el.view;
  if (!v) {
    return el.error
      ? html`<p class="error" role="alert">${el.error}</p>`
      : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
  }
  const name = moduleLiteral(v.options).replace(/^nn\./, '');
  const whole = Math.floor(el.position);
  return html`
    ${el.stateNotice ? html`<p class="notice" role="status">${el.stateNotice}</p>` : nothing}
    ${el.error ? html`<p class="error" role="alert">${el.error}</p>` : nothing}
    <p class="heading">${t(lang, TEXT.heading)(name, el.group, v.n, v.statCount)}</p>
    <div class="controls">
      ${on.field('group', t(lang, TEXT.group))} ${on.field('gamma', t(lang, TEXT.gamma))}
      ${on.field('beta', t(lang, TEXT.beta))}
    </div>
    ${pictureView(el)}
    <p class="status" aria-live=${el.playing ? 'off' : 'polite'}>${statusText(el, whole)}</p>
    <div class="controls" role="group" aria-label=${t(lang, TEXT.position)}>
      <button type="button" class="play" @click=${on.toggle}>
        ${t(lang, el.playing ? TEXT.pause : TEXT.play)}
      </button>
      <button type="button" @click=${() => on.step(-1)} ?disabled=${el.position <= 0}>
        ${t(lang, TEXT.back)}
      </button>
      <button type="button" @click=${() => on.step(1)} ?disabled=${el.position >= v.steps}>
        ${t(lang, TEXT.step)}
      </button>
      <button type="button" @click=${on.reset}>${t(lang, TEXT.reset)}</button>
      <label class="field">
        <span>${t(lang, TEXT.speed)}</span>
        <select @change=${(e) => on.setSpeed(Number(e.target.value))}>
          ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === el.speed}>${s}×</option>`)}
        </select>
      </label>
      <label class="field">
        <span>${t(lang, TEXT.position)}</span>
        <input
          type="range"
          min="0"
          max=${v.steps}
          step="1"
          .value=${String(whole)}
          aria-valuetext=${`${whole} / ${v.steps}`}
          @input=${(e) => on.seek(Number(e.target.value))}
        />
      </label>
    </div>
    ${tableView(el)}
  `;
}
