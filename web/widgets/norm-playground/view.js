// <norm-playground>'s templates: pure functions of the element `el` (its public properties and
// its `result`) and `on`, its handlers.
import { html, nothing } from 'lit';
import { t, formatNumber } from '../../i18n.js';
import { numel, formatShape } from '../../model/shape.js';
import { moduleText } from '../../model/module-spec.js';
import { rowsAreGroups } from '../../model/run-module.js';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { TEXT } from './text.js';

// fieldInput's arguments are cast: its JSDoc-less destructuring makes tsc take every key as required.

/** Rows of the statistics table; more groups are counted, not listed. */
const MAX_TABLE_ROWS = 64;

function moduleFieldView(el, on) {
  if (!el.moduleEditable) return nothing;
  const lang = el.lang;
  const text = el.moduleDraft ?? el.module ?? moduleText(on.safeOptions());
  return html`<form class="controls" @submit=${on.applyModule}>
    <label
      >${t(lang, TEXT.module)}
      ${fieldInput(
        /** @type {any} */ ({
          name: 'module',
          value: text,
          error: el.moduleError,
          errorId: 'module-error',
          onInput: (e) => on.setModuleDraft(e.target.value),
        }),
      )}</label
    >
    <button type="submit">${t(lang, TEXT.apply)}</button>
    ${fieldError('module-error', el.moduleError)}
  </form>`;
}

function epsFieldView(el, on) {
  if (!el.epsEditable) return nothing;
  const lang = el.lang;
  const eps = on.safeOptions().eps ?? 1e-5;
  return html`<div class="controls">
    <label
      >${t(lang, TEXT.eps)}
      ${fieldInput(
        /** @type {any} */ ({
          name: 'eps',
          inputmode: 'decimal',
          value: on.epsText(eps),
          error: on.epsError(),
          errorId: 'eps-error',
          onInput: (e) => on.onEps(e.target.value),
        }),
      )}</label
    >
    ${fieldError('eps-error', on.epsError())}
  </div>`;
}

function affineFieldsView(el, on, r) {
  if (!el.affineEditable || !r) return nothing;
  const lang = el.lang;
  const shapes = Object.fromEntries(r.paramShapes);
  const editor = (name, label, values) =>
    shapes[name]
      ? html`<p class="caption">${t(lang, label)} ${formatShape(shapes[name])}</p>
          <tensor-editor
            label=${name}
            no-tools
            .shape=${shapes[name]}
            .values=${values}
            @tensor-change=${(e) => on.setParam(name, e.detail.values)}
          ></tensor-editor>`
      : nothing;
  return html`${editor('weight', TEXT.weight, el.weight ?? r.weight)}
  ${editor('bias', TEXT.bias, el.bias ?? r.bias)}`;
}

function summaryView(el, r) {
  const lang = el.lang;
  const counts = Array.from(r.count);
  const same = counts.every((c) => c === counts[0]);
  const sizes = same
    ? t(lang, TEXT.each)(counts[0] ?? 0)
    : t(lang, TEXT.sizes)(counts.slice(0, 8).join(', ') + (counts.length > 8 ? ', …' : ''));
  const params = r.paramShapes.length
    ? r.paramShapes
        .map(
          ([name, s]) =>
            `${t(lang, name === 'weight' ? TEXT.weight : TEXT.bias)} ${formatShape(s)}`,
        )
        .join(' · ')
    : t(lang, TEXT.noParams);
  return html`<p class="summary">${t(lang, TEXT.count)(r.statCount)}${sizes}</p>
    <p class="muted">${t(lang, TEXT.params)}${params}</p>`;
}

function tableView(el, r) {
  const lang = el.lang;
  const shown = Math.min(r.statCount, MAX_TABLE_ROWS);
  return html`<p class="caption">${t(lang, TEXT.stats)}</p>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.group)}</th>
            <th scope="col">${t(lang, TEXT.elements)}</th>
            <th scope="col">${t(lang, TEXT.mean)}</th>
            <th scope="col">${t(lang, TEXT.varN)}</th>
            ${el.showUnbiased ? html`<th scope="col">${t(lang, TEXT.varN1)}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${Array.from(
            { length: shown },
            (_, g) =>
              html`<tr>
                <td>
                  <span class="swatch" style="background: var(--nl-group-${g % 8})"></span>${g}
                </td>
                <td>${r.count[g]}</td>
                <td>${formatNumber(r.mean[g])}</td>
                <td>${formatNumber(r.variance[g])}</td>
                ${el.showUnbiased ? html`<td>${formatNumber(r.unbiased[g])}</td>` : nothing}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${shown < r.statCount ? html`<p class="muted">${t(lang, TEXT.firstGroups)(shown, r.statCount)}</p>` : nothing}`;
}

export function normPlaygroundView(el, on) {
  const lang = el.lang;
  const r = el.result;
  const fresh = r && !el.error;
  const rowStats = r && rowsAreGroups(r.group, r.shape[r.shape.length - 1]);
  const notes = rowStats
    ? Array.from(
        r.mean,
        (m, i) =>
          `${t(lang, TEXT.mean)} ${formatNumber(m)} · ${t(lang, TEXT.var)} ${formatNumber(r.variance[i])}` +
          (el.showUnbiased ? ` · ${t(lang, TEXT.unbiased)} ${formatNumber(r.unbiased[i])}` : ''),
      )
    : null;
  const inputGroups = fresh && r.group.length === numel(el.shape) ? r.group : null;
  return html`
    ${moduleFieldView(el, on)} ${epsFieldView(el, on)}
    <p class="caption">${t(lang, TEXT.input)(el.label)}</p>
    <tensor-editor
      label=${el.label}
      .shape=${el.shape}
      .values=${el.values}
      .groups=${inputGroups}
      ?shape-editable=${el.shapeEditable}
      @tensor-change=${on.onInputTensor}
    ></tensor-editor>
    ${affineFieldsView(el, on, r)}
    ${
      el.stateNotice
        ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${el.stateNotice}</p>`
        : nothing
    }
    <p class="error" role="alert">${el.error}</p>
    ${
      r
        ? html`<div aria-live="polite">${summaryView(el, r)}</div>
            <p class="caption">${t(lang, fresh ? TEXT.output : TEXT.stale)(el.outputLabel)}</p>
            <tensor-editor
              readonly
              label=${el.outputLabel}
              .shape=${r.shape}
              .values=${r.output}
              .groups=${r.group}
              .rowNotes=${notes}
            ></tensor-editor>
            ${rowStats ? nothing : tableView(el, r)}
            <pytorch-code .code=${on.code(r)}></pytorch-code>`
        : el.error
          ? nothing
          : html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`
    }
  `;
}
