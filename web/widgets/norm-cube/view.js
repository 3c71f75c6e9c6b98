// <norm-cube>'s templates: pure functions of the element's state `s` (its public properties) and
// its handlers and the one reader that needs the engine (`on.detail`).
import { html, svg, nothing } from 'lit';
import { t } from '../../i18n.js';
import { moduleLiteral } from '../../model/pytorch.js';
import { KINDS, KIND_NAMES, numel, cubeIndex, shapeText } from '../../model/norms.js';
import { textField } from '../shared/text-field.js';
import { cubeCode } from './pytorch.js';
import { TEXT } from './text.js';

const CELL = 18;
const LEFT = 64;
const TOP = 36;
const LAYER_GAP = 30;
const DEPTH_X = 10;
const DEPTH_Y = 8;

export function moduleName(v) {
  return moduleLiteral(v.options).replace(/^nn\./, '');
}

/** The cube: one layer per sample, a cell per element coloured by its statistics group. */
export function cubeView(el, on, v) {
  const [N, C] = v.shape;
  const S = numel(v.shape.slice(2));
  const layerH = C * CELL;
  const width = LEFT + S * CELL + DEPTH_X + 6;
  const height = TOP + N * (layerH + LAYER_GAP) - LAYER_GAP + 6;
  const pickGroup = el.selected !== null ? v.group[el.selected] : null;
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
  /** @type {unknown} */
  let pick = nothing;
  if (el.selected !== null && el.selected < v.group.length) {
    const { n, c, s } = cubeIndex(el.selected, v.shape);
    pick = svg`<rect class="pick" x=${LEFT + s * CELL - 1} y=${layerY(n) + c * CELL - 1}
      width=${CELL} height=${CELL} rx="3"></rect>`;
  }
  const lang = el.lang;
  const label = t(lang, TEXT.picture)(moduleName(v), shapeText(v.shape), v.statCount);
  return html`<svg
    viewBox="0 0 ${width} ${height}"
    style="--cube-units: ${width}"
    role="img"
    aria-label=${label}
    @pointerover=${on.onPointer}
    @click=${on.onPointer}
  >
    <text class="axis" x=${LEFT} y="12">${t(lang, TEXT.axisSpatial)}</text>
    <text class="axis" x=${LEFT - 6} y=${TOP - 12} text-anchor="end">
      ${t(lang, TEXT.axisChannel)}
    </text>
    ${slabs} ${labels} ${cells} ${pick}
  </svg>`;
}

export function normCubeView(el, on) {
  const lang = el.lang;
  const v = el.view;
  if (!v) {
    return html`${controlsView(el, on)}
    ${
      el.error
        ? html`<p class="error" role="alert">${el.error}</p>`
        : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
    }`;
  }
  const size = v.sizes.get(v.group[0]) ?? 0;
  const params = v.paramShapes.length
    ? v.paramShapes.map(([name, s]) => `${name} ${shapeText(s)}`).join(', ')
    : null;
  return html`
    ${controlsView(el, on)}
    ${
      el.stateNotice
        ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${el.stateNotice}</p>`
        : nothing
    }
    ${el.error ? html`<p class="error" role="alert">${el.error}</p>` : nothing}
    <p class="summary">${t(lang, TEXT.summary)(moduleName(v), v.statCount, size)}</p>
    <p class="params">
      ${params ? html`${t(lang, TEXT.params)}<code>${params}</code>` : t(lang, TEXT.noParams)}
    </p>
    ${el.compact ? nothing : html`<p class="hint muted">${t(lang, TEXT.hint)}</p>`}
    <div
      class="cube"
      tabindex="0"
      role="group"
      aria-label=${t(lang, TEXT.cubeRole)}
      aria-describedby="detail"
      @keydown=${on.onKeydown}
      @focus=${on.onFocus}
    >
      ${cubeView(el, on, v)}
    </div>
    <p class="detail" id="detail" aria-live="polite">
      ${el.selected !== null ? on.detail(v, el.selected) : nothing}
    </p>
    ${el.contrastTool ? contrastToolView(el, on, v) : nothing}
    ${
      el.compact
        ? nothing
        : html`<details>
              <summary>${t(lang, TEXT.edit)}</summary>
              <tensor-editor
                label="x"
                .shape=${v.shape}
                .values=${v.values}
                .groups=${v.group}
                @tensor-change=${on.onTensor}
              ></tensor-editor>
              ${
                el.fieldErrors.values
                  ? html`<p class="field-error" role="alert">${el.fieldErrors.values}</p>`
                  : nothing
              }
              <button type="button" @click=${on.resetValues}>${t(lang, TEXT.reset)}</button>
            </details>
            <pytorch-code .code=${cubeCode(v)}></pytorch-code>`
    }
  `;
}

function contrastToolView(el, on, v) {
  const lang = el.lang;
  const i = el.selected ?? 0;
  const { n, c } = cubeIndex(i, v.shape);
  const label = `x[${n}, ${c}, ${v.shape
    .slice(2)
    .map(() => ':')
    .join(', ')}]`;
  return html`<div class="controls" role="group" aria-label=${t(lang, TEXT.contrastOn)(label)}>
      <button type="button" @click=${() => on.adjustSlice('scale')}>
        ${t(lang, TEXT.contrast)}
      </button>
      <button type="button" @click=${() => on.adjustSlice('shift')}>
        ${t(lang, TEXT.brightness)}
      </button>
      <span class="muted">${t(lang, TEXT.contrastOn)(label)}</span>
    </div>
    <p class="contrast-note" aria-live="polite">${el.contrastNote}</p>`;
}

function controlsView(el, on) {
  if (el.compact) return nothing;
  const lang = el.lang;
  const err = el.fieldErrors;
  return html`<div class="controls">
    <div class="field">
      <span id="kind-label">${t(lang, TEXT.kind)}</span>
      <div class="segmented" role="group" aria-labelledby="kind-label">
        ${KINDS.map(
          (k) =>
            html`<button
              type="button"
              aria-pressed=${el.kind === k ? 'true' : 'false'}
              @click=${() => on.onKind(k)}
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
      value: el.shapeText,
      error: err.shape,
      onInput: on.onShapeInput,
    })}
    ${textField({
      key: 'groups',
      label: t(lang, TEXT.groups),
      inputmode: 'numeric',
      value: el.groupsText,
      error: err.groups,
      onInput: on.onGroupsInput,
    })}
  </div>`;
}
