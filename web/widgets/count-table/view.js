// <count-table>'s view: the table of computed rows and the form that adds one.
import { html } from 'lit';
import { t } from '../../i18n.js';
import { formatShape } from '../../model/shape.js';
import { fieldInput, fieldError } from '../shared/text-field.js';
import { affineArgument } from './model.js';
import { TEXT } from './text.js';

/** The table: a row per computed row, its error across the numbers' columns; onRemove(i). */
export const table = (lang, computed, onRemove) =>
  html`<div class="wrap">
    <table>
      <caption>
        ${t(lang, TEXT.caption)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t(lang, TEXT.module)}</th>
          <th scope="col">${t(lang, TEXT.input)}</th>
          <th scope="col">${t(lang, TEXT.count)}</th>
          <th scope="col">${t(lang, TEXT.each)}</th>
          <th scope="col">${t(lang, TEXT.params)}</th>
          <th scope="col">${t(lang, TEXT.remove)}</th>
        </tr>
      </thead>
      <tbody aria-live="polite">
        ${computed.map(
          (r, i) =>
            html`<tr>
              <td><code>${r.module}</code></td>
              <td>${formatShape(r.shape)}</td>
              ${
                r.error
                  ? html`<td colspan="3" class="error">${r.error}</td>`
                  : html`<td class="n">${r.statCount}</td>
                      <td class="n">${r.each}</td>
                      <td>
                        ${
                          r.params.length
                            ? formatShape(r.params[0][1])
                            : t(lang, TEXT.none)(affineArgument(r.module))
                        }
                      </td>`
              }
              <td>
                <button
                  type="button"
                  aria-label=${t(lang, TEXT.removeRow)(r.module, formatShape(r.shape))}
                  @click=${() => onRemove(i)}
                >
                  ${t(lang, TEXT.remove)}
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;

/**
 * The form that adds a row: the module and shape drafts, the message and the field it is about
 * ('module', 'shape' or ''); on.submit(event), on.module(text), on.shape(text).
 */
export const addForm = (lang, { moduleDraft, shapeDraft, formError, formErrorField }, on) =>
  html`<form @submit=${on.submit}>
    <label
      >${t(lang, TEXT.module)}
      ${fieldInput({
        name: 'module',
        value: moduleDraft,
        invalid: formErrorField === 'module',
        errorId: 'add-error',
        onInput: (e) => on.module(e.target.value),
      })}</label
    >
    <label
      >${t(lang, TEXT.input)}
      ${fieldInput({
        name: 'shape',
        value: shapeDraft,
        invalid: formErrorField === 'shape',
        errorId: 'add-error',
        onInput: (e) => on.shape(e.target.value),
      })}</label
    >
    <button type="submit">${t(lang, TEXT.add)}</button>
    ${fieldError('add-error', formError)}
  </form>`;
