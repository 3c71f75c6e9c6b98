// <bn-batch-rule>'s templates: pure functions of the run results and the language.
import { html, nothing } from 'lit';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { channelValues } from './model.js';

/** The verdict of one batch through BatchNorm in training and eval mode. */
export function runView(lang, run, shape) {
  if (run.train.error)
    return html`<div class="verdict-box" data-trains="false">
      <p class="verdict">${t(lang, TEXT.trainFails)}</p>
      <p class="message error"><code>${run.train.error}</code></p>
      ${run.evalError ? nothing : html`<p class="eval-ok">${t(lang, TEXT.evalOk)}</p>`}
    </div>`;
  const pm1 = run.perChannel === 2;
  return html`<div class="verdict-box" data-trains="true">
    <p class="verdict">${t(lang, TEXT.trainOk)}</p>
    ${
      pm1
        ? html`<p class="pm1">${t(lang, TEXT.pm1)}</p>
            <p>${t(lang, TEXT.outputs)}</p>
            <ul class="outputs">
              ${[0, 1, 2].map(
                (c) =>
                  html`<li data-channel=${c}>
                    ${t(lang, TEXT.channel)} ${c}:
                    ${channelValues(run.train.output, shape, c)
                      .map((v) => formatNumber(v, 6))
                      .join(', ')}
                  </li>`,
              )}
            </ul>`
        : nothing
    }
  </div>`;
}

export function loaderView(lang, state, batches) {
  const { full, last, fullRun, lastRun } = batches;
  let verdict;
  if (fullRun?.train.error)
    verdict = html`<p class="loader-verdict failure">${t(lang, TEXT.fullFails)(state.batchSize)}</p>
      <p class="message error"><code>${fullRun.train.error}</code></p>`;
  else if (last && state.dropLast)
    verdict = html`<p class="loader-verdict fix">${t(lang, TEXT.dropped)(last)}</p>`;
  else if (lastRun?.train.error)
    verdict = html`<p class="loader-verdict failure">${t(lang, TEXT.lastFails)}</p>
      <p class="message error"><code>${lastRun.train.error}</code></p>`;
  else verdict = html`<p class="loader-verdict">${t(lang, TEXT.lastOk)}</p>`;
  return html`<p class="loader-batches">${t(lang, TEXT.batches)(full, state.batchSize, last)}</p>
    <div aria-live="polite">${verdict}</div>`;
}
