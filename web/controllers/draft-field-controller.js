// The learner's text in a widget's fields: a Lit ReactiveController that keeps what was typed in each
// field (a draft) exactly as typed, the message that says why it is not used, and commits a value only
// when it is valid, so a half-typed "0." or a refused "-1" never reaches the state, the link or the
// engine, and is never rewritten under the learner's cursor. Draws the field with widgets/shared/text-field.js.
//   #fields = new DraftFieldController(this);
//   this.#fields.field('lr', { label, value: this.lr, parse: (s) => ..., commit: (v) => (this.lr = v) })
import { textField } from '../widgets/shared/text-field.js';
import { parseNumber } from '../model/parse.js';

/**
 * Reads a finite number; `message` is shown otherwise. A ready `parse` for field().
 * @returns {(text: string) => {value: number} | {error: string}}
 */
export const numberField = (message) => (text) => {
  const value = parseNumber(text);
  return value === null ? { error: message } : { value };
};

export class DraftFieldController {
  #host;
  #drafts = new Map(); // key -> the text as typed, while it differs from the committed value
  #errors = new Map(); // key -> the message shown under the field

  /** @param {import('lit').ReactiveControllerHost} host */
  constructor(host) {
    this.#host = host;
    host.addController?.(/** @type {import('lit').ReactiveController} */ (this));
  }

  /** What the field shows: the learner's draft, else the committed value as `format` writes it. */
  text(key, value, format = String) {
    return this.#drafts.has(key) ? this.#drafts.get(key) : format(value);
  }

  /** The field's message, '' when there is none. */
  error(key) {
    return this.#errors.get(key) ?? '';
  }

  /** Whether any field holds a message. */
  get invalid() {
    return this.#errors.size > 0;
  }

  /**
   * The learner typed `text` into `key`: keeps it, and commits parse(text).value unless parse says
   * {error}. `commit` may throw (the engine refusing the value, in PyTorch's words): its message is
   * shown and the draft kept. Returns whether the value was committed.
   * @param {string} key
   * @param {string} text
   * @param {{parse: (text: string) => ({value: any} | {error: string}), commit: (value: any) => void}} how
   */
  input(key, text, { parse, commit }) {
    this.#drafts.set(key, text);
    const result = /** @type {{value?: any, error?: string}} */ (parse(text));
    let message = result.error ?? '';
    if (!message) {
      try {
        commit(result.value);
      } catch (err) {
        message = err.message;
      }
    }
    if (message) this.#errors.set(key, message);
    else this.#errors.delete(key);
    this.#host.requestUpdate();
    return !message;
  }

  /** Sets a message from elsewhere (a check across fields); '' clears it. */
  setError(key, message) {
    if (message) this.#errors.set(key, message);
    else this.#errors.delete(key);
    this.#host.requestUpdate();
  }

  /**
   * Forgets the drafts and messages of `keys` (all when none are given), as when a link or a reset
   * replaces the values: the fields show the committed values again.
   */
  reset(...keys) {
    for (const key of keys.length ? keys : [...this.#drafts.keys(), ...this.#errors.keys()]) {
      this.#drafts.delete(key);
      this.#errors.delete(key);
    }
    this.#host.requestUpdate();
  }

  /**
   * The field as every widget draws it (label, input, message; ids `${key}-input`, `${key}-error`).
   * `value`/`format` give the committed text, `parse`/`commit` as input(); the other options are
   * text-field.js's (hint, inputmode, cls, ariaLabel).
   */
  field(key, { label, value, format, parse, commit, ...input }) {
    return textField({
      key,
      label,
      value: this.text(key, value, format),
      error: this.error(key),
      onInput: (event) => this.input(key, event.target.value, { parse, commit }),
      ...input,
    });
  }
}
