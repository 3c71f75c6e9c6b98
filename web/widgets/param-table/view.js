// <param-table>'s view: pure functions of the form, the listing, the language and the handlers.
import { html, nothing } from 'lit';
import { t } from '../../i18n.js';
import { numel, formatShape } from '../../model/shape.js';
import { textField } from '../shared/text-field.js';
import { CLASSES, FLAGS, SIZE_FIELDS, PRESETS, opOf } from './model.js';
import { TEXT } from './text.js';

/** The presets, a button each: onPreset(module, input). */
export const presets = (lang, onPreset) =>
  html`<div class="presets">
    <span>${t(lang, TEXT.presets)}:</span>
    ${PRESETS.map(
      ([module, input]) =>
        html`<button type="button" @click=${() => onPreset(module, input)}>
          ${module.replace('nn.', '')}
        </button>`,
    )}
  </div>`;

/** The class menu. */
export const classMenu = (lang, cls, onClass) =>
  html`<label class="field"
    ><span>${t(lang, TEXT.cls)}</span>
    <select name="cls" @change=${(e) => onClass(e.target.value)}>
      ${CLASSES.map((c) => html`<option value=${c} ?selected=${c === cls}>nn.${c}</option>`)}
    </select></label
  >`;

/** The class's size fields: onSize(key, text). */
export const sizeFields = (lang, { cls, sizes, errors }, onSize) =>
  SIZE_FIELDS[opOf(cls)].map((key) =>
    textField({
      key,
      label: t(lang, TEXT[key]),
      value: sizes[key],
      error: errors[key],
      onInput: (e) => onSize(key, e.target.value),
    }),
  );

/** The class's flags, a checkbox each: onFlag(key, checked). */
export const flagFields = ({ cls, flags }, onFlag) =>
  Object.keys(FLAGS[opOf(cls)]).map(
    (key) =>
      html`<label class="check"
        ><input
          type="checkbox"
          name=${key}
          .checked=${flags[key]}
          @change=${(e) => onFlag(key, e.target.checked)}
        />${key}</label
      >`,
  );

/** What PyTorch prints for named_parameters(), their total and named_buffers(), as a console. */
export function listing(r) {
  const prompt = (p, code) =>
    html`<span class="line"><span class="prompt">${p}</span>${code}</span>`;
  const out = (text) => html`<span class="line">${text}</span>`;
  const row = ([name, shape]) => out(`${name} torch.Size([${shape.join(', ')}])`);
  return html`<pre class="listing code-block"><code>${[
    prompt('>>> ', `m = ${r.text}`),
    prompt('>>> ', 'for name, p in m.named_parameters():'),
    prompt('... ', '    print(name, p.shape)'),
    ...r.params.map(row),
    prompt('>>> ', 'sum(p.numel() for p in m.parameters())'),
    out(String(r.params.reduce((s, [, shape]) => s + numel(shape), 0))),
    prompt('>>> ', 'for name, b in m.named_buffers():'),
    prompt('... ', '    print(name, b.shape)'),
    ...r.buffers.map(row),
  ]}</code></pre>`;
}

/** The total in words, the buffers, and what the input shape met. */
export function summary(r, lang) {
  const total = r.params.reduce((s, [, shape]) => s + numel(shape), 0);
  const parts = r.params.map(([name, shape]) => `${name} ${numel(shape)}`).join(' + ');
  return html`<p class="summary">
      ${t(lang, TEXT.total)(total, r.params.length > 1 ? parts : '')};
      ${t(lang, TEXT.buffers)(r.buffers.length)}
    </p>
    ${
      r.options.op === 'layer_norm' && r.options.bias === false
        ? html`<p class="muted">${t(lang, TEXT.newer)}</p>`
        : nothing
    }
    ${r.accepted ? html`<p class="muted">${t(lang, TEXT.accepted)(formatShape(r.shape))}</p>` : nothing}
    ${r.inputError ? html`<p class="error input-error" role="alert">${r.inputError}</p>` : nothing}`;
}
