// <bn-mode-grid>'s templates: pure functions of the computed cells and the language.
import { html, nothing } from 'lit';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';

const list = (values) => `(${Array.from(values, (v) => formatNumber(v)).join(', ')})`;
const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** One buffer's line: before → after, and whether it moved. */
function bufferLine(lang, name, before, after, format) {
  const moved = Array.isArray(before) ? !same(before, after) : before !== after;
  return html`<p class=${name.replace(/_/g, '-')} data-moved=${String(moved)}>
    <code>${name}</code>: ${format(before)} → ${format(after)}
    <span class="badge">${t(lang, moved ? TEXT.moved : TEXT.unchanged)}</span>
  </p>`;
}

/** One cell of the grid: {mode, grad, mean, variance, usedBatch, before, after, moved}. */
export function cellView(lang, cell) {
  const { before, after } = cell;
  return html`<section
    class="cell"
    data-mode=${cell.mode}
    data-grad=${cell.grad ? 'grad' : 'no_grad'}
    data-moved=${String(cell.moved)}
    aria-label=${`model.${cell.mode}() · ${t(lang, cell.grad ? TEXT.grad : TEXT.noGrad)}`}
  >
    <h3>model.${cell.mode}() · ${t(lang, cell.grad ? TEXT.grad : TEXT.noGrad)}</h3>
    <p class="normalized-by" data-stats=${cell.usedBatch ? 'batch' : 'running'}>
      ${t(lang, TEXT.normalizedBy)}<strong>${t(lang, cell.usedBatch ? TEXT.batchStats : TEXT.runningStats)}</strong>:
      ${t(lang, TEXT.mean)} ${list(cell.mean)}, ${t(lang, TEXT.variance)} ${list(cell.variance)}
    </p>
    ${bufferLine(lang, 'running_mean', before.running_mean, after.running_mean, list)}
    ${bufferLine(lang, 'running_var', before.running_var, after.running_var, list)}
    ${bufferLine(
      lang,
      'num_batches_tracked',
      before.num_batches_tracked,
      after.num_batches_tracked,
      String,
    )}
    <p class="backward">${t(lang, cell.grad ? TEXT.backwardOk : TEXT.backwardNone)}</p>
  </section>`;
}

export function gridView(lang, cells) {
  const moved = cells.filter((c) => c.moved);
  const trainOnly = moved.length === 2 && moved.every((c) => c.mode === 'train');
  return html`<p class="caption">${t(lang, TEXT.caption)}</p>
    <div class="grid">${cells.map((c) => cellView(lang, c))}</div>
    <div aria-live="polite">
      <p class="verdict">${t(lang, trainOnly ? TEXT.verdict : TEXT.verdictOther)(moved.length)}</p>
    </div>
    <p class="failure">${t(lang, TEXT.bug)}</p>
    <p class="fix">${t(lang, TEXT.fix)}</p>`;
}

export const noticeView = (lang, notice) =>
  notice ? html`<p class="notice" role="status">${t(lang, TEXT.ignored)}${notice}</p>` : nothing;
