// <padding-demo>'s results: the padded tensor, BatchNorm's per-feature and LayerNorm's per-token
// statistics with and without the padding, and both outputs for the real tokens.
import { html, nothing } from 'lit';
import { t, formatNumber } from '../../i18n.js';
import { TEXT } from './text.js';
import { padBatch } from './model.js';

/**
 * @param {string} lang
 * @param {any} r the comparison (model.js compareNorms)
 * @param {{b: number, word: string}[]} names each real token's sentence and word
 * @param {boolean} on whether the sentences are padded
 * @param {{values: Float32Array, lengths: number[], H: number, T: number}} batch
 */
export function results(lang, r, names, on, { values, lengths, H, T }) {
  const B = lengths.length;
  const n = names.length;
  const bn = on ? r.bnPad : r.bnPacked;
  const lnr = on ? r.lnPad : r.lnPacked;
  const changedBn = Array.from(r.bnPad.mean, (m, j) => !Object.is(m, r.bnPacked.mean[j]));
  const changedBnVar = Array.from(
    r.bnPad.variance,
    (v, j) => !Object.is(v, r.bnPacked.variance[j]),
  );
  const changedLn = r.lnPad.realMean.map((m, i) => !Object.is(m, r.lnPacked.realMean[i]));
  const count = (list) => list.filter(Boolean).length;
  const groups = new Int32Array(B * T * H).fill(7);
  let i = 0;
  for (const row of r.real) {
    groups.fill(names[i].b, row * H, (row + 1) * H);
    i += 1;
  }
  const padded = on ? padBatch(values, lengths, H, T).x : null;
  return html`
    ${
      on
        ? html`<p class="caption">${t(lang, TEXT.padded)(B, T, H)}</p>
            <tensor-editor
              readonly
              label="x_padded"
              .shape=${[B, T, H]}
              .values=${padded}
              .groups=${groups}
            ></tensor-editor>`
        : html`<p class="caption">${t(lang, TEXT.packed)(n, H)}</p>`
    }
    <p class="summary" aria-live="polite">
      ${t(lang, TEXT.summary)(count(changedBn), H, count(changedLn), n)}
    </p>
    <h3>${t(lang, TEXT.bnHeading)(H)}</h3>
    <div class="scroll">
      <table class="bn-stats">
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.feature)}</th>
            <th scope="col">${t(lang, TEXT.mean)}</th>
            <th scope="col">${t(lang, TEXT.var)}</th>
            ${
              on
                ? html`<th scope="col">${t(lang, TEXT.mean)} ${t(lang, TEXT.withoutPad)}</th>
                    <th scope="col">${t(lang, TEXT.var)} ${t(lang, TEXT.withoutPad)}</th>`
                : nothing
            }
          </tr>
        </thead>
        <tbody>
          ${Array.from(
            { length: H },
            (_, j) =>
              html`<tr>
                <td>${j}</td>
                <td class=${on && changedBn[j] ? 'changed mean' : 'mean'}>
                  ${formatNumber(bn.mean[j])}
                </td>
                <td class=${on && changedBnVar[j] ? 'changed var' : 'var'}>
                  ${formatNumber(bn.variance[j])}
                </td>
                ${
                  on
                    ? html`<td>${formatNumber(r.bnPacked.mean[j])}</td>
                        <td>${formatNumber(r.bnPacked.variance[j])}</td>`
                    : nothing
                }
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h3>${t(lang, TEXT.lnHeading)(H)}</h3>
    <div class="scroll">
      <table class="ln-stats">
        <thead>
          <tr>
            <th scope="col">${t(lang, TEXT.token)}</th>
            <th scope="col">${t(lang, TEXT.mean)}</th>
            <th scope="col">${t(lang, TEXT.var)}</th>
          </tr>
        </thead>
        <tbody>
          ${names.map(
            ({ b, word }, k) =>
              html`<tr>
                <td>${t(lang, TEXT.sentence)} ${b} · ${word}</td>
                <td class="mean">${formatNumber(lnr.realMean[k])}</td>
                <td class="var">${formatNumber(lnr.realVar[k])}</td>
              </tr>`,
          )}
          ${
            on
              ? Array.from({ length: B * T }, (_, row) => row)
                  .filter((row) => !r.real.includes(row))
                  .map(
                    (row) =>
                      html`<tr class="pad-row">
                        <td>
                          ${t(lang, TEXT.sentence)} ${Math.floor(row / T)} · ${t(lang, TEXT.pad)}
                        </td>
                        <td>${formatNumber(r.lnPad.mean[row])}</td>
                        <td>${formatNumber(r.lnPad.variance[row])}</td>
                      </tr>`,
                  )
              : nothing
          }
        </tbody>
      </table>
    </div>
    <div class="outputs">
      <div>
        <p class="caption">${t(lang, TEXT.bnOut)}</p>
        <tensor-editor
          readonly
          label="bn_out"
          .shape=${[n, H]}
          .values=${bn.realOutput}
        ></tensor-editor>
      </div>
      <div>
        <p class="caption">${t(lang, TEXT.lnOut)}</p>
        <tensor-editor
          readonly
          label="ln_out"
          .shape=${[n, H]}
          .values=${lnr.realOutput}
        ></tensor-editor>
      </div>
    </div>
  `;
}
