// A text field and its inline message, as every widget's forms show them: the input is marked
// aria-invalid while its message says what is wrong, and is described by that message; the
// message (role=alert, class field-error, styled by formControls) is empty otherwise.
import { html, nothing } from 'lit';

/**
 * @typedef {object} FieldInputOptions
 * @property {string} [id]
 * @property {string} [name]
 * @property {string} [value]
 * @property {string} [error]
 * @property {boolean} [invalid]
 * @property {string} [errorId]
 * @property {string} [hint]
 * @property {(event: Event & {target: HTMLInputElement}) => void} [onInput]
 * @property {string} [inputmode]
 * @property {string} [cls]
 * @property {string} [ariaLabel]
 */

/**
 * The input. `errorId` names the message that describes it (with `hint`, another element's id,
 * first); `invalid` marks it (by default: while `error` is set); `id` and `ariaLabel` label it
 * where no <label> wraps it.
 * @param {FieldInputOptions} options
 */
export function fieldInput({
  id,
  name,
  value,
  error,
  invalid = Boolean(error),
  errorId,
  hint,
  onInput,
  inputmode,
  cls,
  ariaLabel,
}) {
  return html`<input
    id=${id ?? nothing}
    class=${cls ?? nothing}
    type="text"
    name=${name ?? nothing}
    inputmode=${inputmode ?? nothing}
    autocomplete="off"
    spellcheck="false"
    aria-label=${ariaLabel ?? nothing}
    aria-invalid=${invalid ? 'true' : 'false'}
    aria-describedby=${[hint, errorId].filter(Boolean).join(' ') || nothing}
    .value=${value ?? ''}
    @input=${onInput}
  />`;
}

/**
 * The message, with the id its field points to: empty (and hidden) while there is none.
 * @param {string} id
 * @param {string} [error]
 */
export const fieldError = (id, error) =>
  html`<p class="field-error" id=${id} role="alert">${error || nothing}</p>`;

/**
 * A `.field` box (see fieldRow in controls-style.js): label, input and message one above the other.
 * The input is `${key}-input` (named `key` unless `name` says otherwise), its message
 * `${key}-error`; the other options are fieldInput's.
 * @param {FieldInputOptions & {key: string, label: unknown}} options
 */
export function textField({ key, label, ...input }) {
  const id = `${key}-input`;
  const errorId = `${key}-error`;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${fieldInput({ id, name: key, errorId, ...input })} ${fieldError(errorId, input.error)}
  </div>`;
}
