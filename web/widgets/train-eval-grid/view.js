// <train-eval-grid>'s pictures: the four outputs side by side and what they say.
import { html } from 'lit';
import { t } from '../../i18n.js';
import { TEXT } from './text.js';
import { sameValues } from './model.js';

/** One output (or the engine's message) under its title. */
function panel(title, shape, values, error) {
  return html`<div class="cell">
    <h3>${title}</h3>
    ${
      error
        ? html`<p class="error" role="status">${error}</p>`
        : html`<tensor-editor
            readonly
            label=${title}
            .shape=${shape}
            .values=${values}
          ></tensor-editor>`
    }
  </div>`;
}

/**
 * The four panels, the verdicts and both modules' buffers.
 * @param {string} lang
 * @param {{bn: any, ln: any}} r the two modules' runs (model.js trainThenEval)
 * @param {number[]} shape (N, C)
 */
export function results(lang, r, shape) {
  const c = shape[1];
  const bufferList = (shapes) =>
    shapes.length
      ? shapes.map(([name, s]) => `${name} (${s.join(', ')})`).join(', ')
      : t(lang, TEXT.none);
  const bn = `BatchNorm1d(${c})`;
  const ln = `LayerNorm(${c})`;
  const train = t(lang, TEXT.train);
  const evaluation = t(lang, TEXT.eval);
  return html`<div class="grid">
      ${panel(`${bn} · ${train}`, shape, r.bn.train, r.bn.trainError)}
      ${panel(`${bn} · ${evaluation}`, shape, r.bn.eval, r.bn.evalError)}
      ${panel(`${ln} · ${train}`, shape, r.ln.train, r.ln.trainError)}
      ${panel(`${ln} · ${evaluation}`, shape, r.ln.eval, r.ln.evalError)}
    </div>
    <div aria-live="polite" class="verdicts">
      <p class="verdict bn-verdict">
        ${
          r.bn.trainError
            ? t(lang, TEXT.bnFailed)
            : t(lang, sameValues(r.bn.train, r.bn.eval) ? TEXT.same : TEXT.differ)
        }
      </p>
      <p class="verdict ln-verdict">
        ${t(lang, sameValues(r.ln.train, r.ln.eval) ? TEXT.lnSame : TEXT.lnDiffer)}
      </p>
      <p class="muted">${t(lang, r.bn.trainError ? TEXT.bnEvalFresh : TEXT.bnEvalNote)}</p>
      <p>
        ${bn} · ${t(lang, TEXT.buffers)}<span class="bn-buffers"
          >${bufferList(r.bn.bufferShapes)}</span
        >
      </p>
      <p>
        ${ln} · ${t(lang, TEXT.buffers)}<span class="ln-buffers"
          >${bufferList(r.ln.bufferShapes)}</span
        >
      </p>
    </div>`;
}
