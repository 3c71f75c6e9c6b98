// <module-console>'s view: the mistakes' buttons, the module form and the transcript's entries.
import { html, nothing } from 'lit';
import { t } from '../../i18n.js';
import { formatShape } from '../../model/shape.js';
import { fieldInput } from '../shared/text-field.js';
import { MISTAKES, MAX_MODULE_TEXT } from './model.js';
import { TEXT } from './text.js';

/** The classic mistakes and their fixes, a button each: onMistake(module, shape). */
export const mistakes = (lang, onMistake) =>
  html`<div class="mistakes">
    <span>${t(lang, TEXT.mistakes)}</span>
    ${MISTAKES.map(
      ([module, shape, fix]) =>
        html`<button
          type="button"
          class=${fix ? 'fix' : 'mistake'}
          @click=${() => onMistake(module, shape)}
        >
          ${fix ? `${t(lang, TEXT.fix)}: ` : ''}${module.replace('nn.', '')} · ${formatShape(shape)}
        </button>`,
    )}
  </div>`;

/**
 * The module's field and the run button; `failed`: the latest run failed (the field is marked and
 * described by that entry). on.submit(event), on.input(text).
 */
export const moduleForm = (lang, { text, failed }, on) =>
  html`<form @submit=${on.submit}>
    <label
      >${t(lang, TEXT.module)}
      ${fieldInput({
        name: 'module',
        value: text,
        invalid: failed,
        errorId: failed ? 'latest-run' : undefined,
        onInput: (e) => on.input(e.target.value),
      })}</label
    >
    <button type="submit">${t(lang, TEXT.run)}</button>
  </form>`;

/** One transcript entry: the module line, then its error, or the run and what it computed. */
export function entry(e, id, lang) {
  const module = e.module.length > MAX_MODULE_TEXT ? `${e.module.slice(0, 60)}…` : e.module;
  const prompt = html`<span class="prompt">&gt;&gt;&gt; </span>`;
  const params = e.params?.length
    ? t(lang, TEXT.params)(e.params.map(([n, s]) => `${n} ${formatShape(s)}`).join(', '))
    : '';
  return html`<li id=${id}>
    <span class="line">${prompt}m = ${module}</span>
    ${
      e.moduleError
        ? html`<span class="line err">${e.moduleError}</span>`
        : html`<span class="line">${prompt}y = m(input) # input: ${formatShape(e.shape)}</span> ${
              e.runError
                ? html`<span class="line err">${e.runError}</span>`
                : html`<span class="line ok"
                    >${t(lang, TEXT.ok)(formatShape(e.shape), e.statCount)}${params}</span
                  >`
            }`
    }
  </li>`;
}

/** The transcript, newest first (the newest is #latest-run), or why there is none yet. */
export function transcript(lang, { ready, history }) {
  if (!ready) return html`<p aria-busy="true">${t(lang, TEXT.loading)}</p>`;
  if (!history.length) return html`<p class="muted">${t(lang, TEXT.empty)}</p>`;
  return html`<ol class="transcript code-block" aria-labelledby="transcript-label">
    ${history.map((e, i) => entry(e, i === 0 ? 'latest-run' : nothing, lang))}
  </ol>`;
}
