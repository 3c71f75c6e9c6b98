// <memory-calculator>'s answer: the summary, a bar of the parts and the table of bytes, all from
// the engine's count (engine.optimizerMemory).
import { html, svg } from 'lit';
import { scaleLinear } from 'd3-scale';
import { t, formatNumber } from '../../i18n.js';
import { BUFFER_NAMES } from '../../model/optimizers.js';
import { formatBytes } from './model.js';
import { TEXT } from './text.js';

/** [key, label, bytes] for every part of the engine's answer, in the order of the table. */
function partsOf(r, lang) {
  const parts = [
    ['parameters', t(lang, TEXT.parameters), r.parameters],
    ['gradients', t(lang, TEXT.gradients), r.gradients],
  ];
  if (r.master_weights) {
    parts.push(['master_weights', t(lang, TEXT.master_weights), r.master_weights]);
  }
  for (const [name, bytes] of Object.entries(r.state ?? {})) {
    const what = BUFFER_NAMES[name];
    parts.push([name, what ? `${name} (${t(lang, what)})` : name, bytes]);
  }
  return parts;
}

function chart(parts, total, lang) {
  const width = 600;
  const x = scaleLinear().domain([0, total]).range([0, width]);
  let at = 0;
  const label = t(
    lang,
    TEXT.chart,
  )(parts.map(([, name, bytes]) => `${name} ${formatBytes(bytes)}`).join('; '));
  return html`<svg viewBox="0 0 ${width} 28" role="img" aria-label=${label}>
    ${parts.map(([, , bytes], i) => {
      const rect = svg`<rect x=${x(at)} y="2" width=${Math.max(0, x(bytes) - 0.5)} height="24"
        fill="var(--nl-group-${i % 8}, #ccc)" stroke="var(--nl-border, #c8cdd6)"></rect>`;
      at += bytes;
      return rect;
    })}
  </svg>`;
}

export function memoryTable(r, params, lang) {
  const parts = partsOf(r, lang);
  const total = r.total;
  const perParam = total / params;
  const groupFormat = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US');
  return html`
    <p class="summary" aria-live="polite">
      ${t(lang, TEXT.summary)(
        formatBytes(total),
        formatNumber(perParam),
        formatNumber(total / (4 * params)),
      )}
    </p>
    ${chart(parts, total, lang)}
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.part)}</th>
            <th scope="col">${t(lang, TEXT.bytes)}</th>
            <th scope="col">${t(lang, TEXT.perParam)}</th>
          </tr>
        </thead>
        <tbody>
          ${parts.map(
            ([key, name, bytes], i) =>
              html`<tr data-part=${key}>
                <td>
                  <span class="swatch" style="background: var(--nl-group-${i % 8}, #ccc)"></span
                  >${name}
                </td>
                <td title=${groupFormat.format(bytes)}>${formatBytes(bytes)}</td>
                <td>${formatNumber(bytes / params)} B</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr data-part="total">
            <td>${t(lang, TEXT.total)}</td>
            <td title=${groupFormat.format(total)}>${formatBytes(total)}</td>
            <td>${formatNumber(perParam)} B</td>
          </tr>
        </tfoot>
      </table>
    </div>
  `;
}
