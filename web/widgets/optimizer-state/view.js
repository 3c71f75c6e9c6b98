// <optimizer-state>'s result: θ after the steps, the summary sentence and every state buffer the
// engine's optimizer keeps, each shown as a read-only tensor of θ's shape.
import { html, nothing } from 'lit';
import { t } from '../../i18n.js';
import { formatShape } from '../../model/shape.js';
import { BUFFER_NAMES } from '../../model/optimizers.js';
import { TEXT } from './text.js';

/**
 * @param {{steps: number, param: Float32Array, state: [string, Float32Array][]}} run
 * @param {number[]} shape θ's shape
 * @param {string} label the optimizer's name
 */
export function resultView(run, shape, label, lang) {
  const buffers = run.state.filter(([, v]) => v.length === run.param.length);
  const count = buffers.reduce((s, [, v]) => s + v.length, 0);
  return html`
    <p class="caption">${t(lang, TEXT.theta)(run.steps)}</p>
    <tensor-editor readonly label="θ" .shape=${shape} .values=${run.param}></tensor-editor>
    <p class="summary" aria-live="polite">
      ${
        run.steps === 0
          ? t(lang, TEXT.none)
          : t(lang, TEXT.summary)(
              label,
              run.steps,
              buffers.length,
              formatShape(shape),
              count,
              run.param.length,
            )
      }
    </p>
    <div class="buffers">
      ${buffers.map(
        ([name, values]) =>
          html`<div data-buffer=${name}>
            <p class="caption">
              <code>${name}</code
              >${BUFFER_NAMES[name] ? html` — ${t(lang, BUFFER_NAMES[name])}` : nothing}
            </p>
            <tensor-editor readonly label=${name} .shape=${shape} .values=${values}></tensor-editor>
          </div>`,
      )}
    </div>
  `;
}
