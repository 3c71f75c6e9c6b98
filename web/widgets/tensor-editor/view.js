// <tensor-editor>'s templates: pure functions of the element `el` (its public properties) and
// `on`, the element's private readers and handlers (label, text, layout, invalidCells, ...).
import { html, nothing } from 'lit';
import { t, formatFloat32 } from '../../i18n.js';
import { numel, unravel, formatShape } from '../../model/shape.js';
import { numberWidth } from './model.js';
import { TEXT } from './text.js';

export function cellView(el, on, flat, tabStop, invalid) {
  const label = on.label(flat);
  const text = on.text(flat);
  const style = el.groups ? `--cell-bg: var(--nl-group-${el.groups[flat] % 8})` : nothing;
  if (el.readonly) {
    // role=cell, not output's implicit status: a recompute must not announce every cell
    return html`<output class="cell" role="cell" data-i=${flat} aria-label=${label} style=${style}
      >${text}</output
    >`;
  }
  return html`<span role="gridcell"
    ><input
      class="cell"
      data-i=${flat}
      tabindex=${flat === tabStop ? '0' : '-1'}
      inputmode="decimal"
      spellcheck="false"
      autocomplete="off"
      aria-label=${label}
      aria-invalid=${invalid.has(flat) ? 'true' : 'false'}
      style=${style}
      .value=${text}
  /></span>`;
}

export function gridView(el, on) {
  const { rows, cols, sliceRows, rowsPerPage } = on.layout;
  const first = el.page * rowsPerPage;
  const last = Math.min(rows, first + rowsPerPage);
  const lead = el.shape.length - 2;
  const blocks = [];
  for (let r = first; r < last;) {
    const slice = Math.floor(r / sliceRows);
    const end = Math.min(last, (slice + 1) * sliceRows);
    blocks.push({ slice, from: r, to: end });
    r = end;
  }
  const tabStop = el.readonly ? -1 : on.tabStop(first * cols, last * cols);
  // a result's cells are as wide as its widest number on this page (at least --out-w), so its
  // columns line up; each cell still grows with its text, which never overflows its box
  let widest = 0;
  if (el.readonly) {
    for (let i = first * cols; i < last * cols; i++)
      widest = Math.max(widest, numberWidth(on.text(i)));
  }
  const invalid = new Set(el.readonly ? [] : on.invalidCells());
  const cellRole = el.readonly ? 'cell' : 'gridcell';
  // one delegated listener per kind for the whole page of cells
  return html`<div
    class="slices"
    style=${el.readonly ? `--fit-w: calc(${widest.toFixed(1)}ch + 0.6em + 2px)` : nothing}
    role=${el.readonly ? 'table' : 'grid'}
    aria-label=${el.label || 'x'}
    @input=${el.readonly ? nothing : on.onInput}
    @keydown=${el.readonly ? nothing : on.onKeydown}
    @paste=${el.readonly ? nothing : on.onPaste}
    @focusin=${el.readonly ? nothing : on.onFocusin}
  >
    ${blocks.map(({ slice, from, to }) => {
      const idx = lead > 0 ? unravel(slice, el.shape.slice(0, lead)) : [];
      const partial = to - from < sliceRows;
      const rowsText = partial ? `${from % sliceRows}:${((to - 1) % sliceRows) + 1}` : ':';
      const sliceLabel = idx.length ? `${el.label || 'x'}[${idx.join(', ')}, ${rowsText}, :]` : '';
      return html`<div class="slice">
        ${sliceLabel ? html`<div class="slice-label" aria-hidden="true">${sliceLabel}</div>` : nothing}
        <div class="rows" role="rowgroup" aria-label=${sliceLabel || nothing}>
          ${Array.from({ length: to - from }, (_, k) => {
            const row = from + k;
            const note = el.rowNotes?.[row];
            return html`<div class="row" role="row">
              ${Array.from({ length: cols }, (_, c) => cellView(el, on, row * cols + c, tabStop, invalid))}
              ${note ? html`<span class="note" role=${cellRole}>${note}</span>` : nothing}
            </div>`;
          })}
        </div>
      </div>`;
    })}
  </div>`;
}

export function pagerView(el, on) {
  const lang = el.lang;
  const { pages, rowsPerPage, rows, cols } = on.layout;
  if (pages <= 1) return nothing;
  const range = (p) => {
    const a = p * rowsPerPage * cols;
    const b = Math.min(rows, (p + 1) * rowsPerPage) * cols - 1;
    return `${on.label(a)} … ${on.label(b)}`;
  };
  return html`<div class="bar pager">
    <button type="button" ?disabled=${el.page === 0} @click=${() => on.showPage(el.page - 1)}>
      ◀ ${t(lang, TEXT.prev)}
    </button>
    <label for="page">${t(lang, TEXT.page)}</label>
    <select id="page" @change=${(e) => on.showPage(Number(e.target.value))}>
      ${Array.from(
        { length: pages },
        (_, p) =>
          html`<option value=${p} ?selected=${p === el.page}>${p + 1}: ${range(p)}</option>`,
      )}
    </select>
    <button
      type="button"
      ?disabled=${el.page === pages - 1}
      @click=${() => on.showPage(el.page + 1)}
    >
      ${t(lang, TEXT.next)} ▶
    </button>
    <span class="status">${t(lang, TEXT.pageOf)(el.page + 1, pages)}</span>
  </div>`;
}

export function shapeFieldView(el, on) {
  if (el.readonly || !el.shapeEditable) return nothing;
  const lang = el.lang;
  return html`<form class="bar shape" @submit=${on.setShape}>
    <label
      >${t(lang, TEXT.shape)}
      <input
        name="shape"
        autocomplete="off"
        spellcheck="false"
        aria-invalid=${el.shapeError ? 'true' : 'false'}
        aria-describedby="shape-error"
        .value=${el.shapeText}
        @input=${(e) => on.setShapeText(e.target.value)}
    /></label>
    <button type="submit">${t(lang, TEXT.setShape)}</button>
    <span id="shape-error" class="error" role="alert"
      >${el.shapeError ? el.shapeError + t(lang, TEXT.shapeKept) : ''}</span
    >
  </form>`;
}

export function toolsView(el, on) {
  if (el.readonly || el.noTools) return nothing;
  const lang = el.lang;
  return html`<details
    class="tools"
    ?open=${el.toolsOpen}
    @toggle=${(e) => on.setToolsOpen(e.target.open)}
  >
    <summary>${t(lang, TEXT.tools)}</summary>
    <label for="list">${t(lang, TEXT.listLabel)}</label>
    <textarea
      id="list"
      spellcheck="false"
      .value=${el.listText}
      @input=${(e) => on.setListText(e.target.value)}
    ></textarea>
    <div class="bar">
      <button type="button" @click=${() => on.fillFromList(el.listText)}>
        ${t(lang, TEXT.fill)}
      </button>
      <button type="button" @click=${() => on.random()}>${t(lang, TEXT.random)}</button>
    </div>
  </details>`;
}

export function listErrorView(el, on) {
  const m = el.listMessage;
  if (!m) return nothing;
  const lang = el.lang;
  const text =
    m.error === 'count'
      ? t(lang, TEXT.count)(m.count, formatShape(el.shape), numel(el.shape))
      : m.error === 'number'
        ? t(lang, TEXT.listNumber)(m.token, m.index + 1)
        : m.error === 'brackets'
          ? t(lang, TEXT.listBrackets)
          : t(lang, TEXT.listEmpty);
  return html`<p class="error list-error" role="alert">
    ${text}
    ${
      m.suggest
        ? html`<button type="button" @click=${() => on.useListShape(m.suggest)}>
            ${t(lang, TEXT.useShape)(formatShape(m.suggest))}
          </button>`
        : nothing
    }
  </p>`;
}

export function cellErrorView(el, on) {
  if (el.readonly) return nothing;
  const bad = on.invalidCells();
  if (!bad.length) return nothing;
  const lang = el.lang;
  const i = bad[0];
  const cell = on.label(i);
  const kept = formatFloat32(on.value(i));
  const typed = on.typed(i).trim();
  const text = typed
    ? t(lang, TEXT.invalid)(cell, typed.slice(0, 24), kept)
    : t(lang, TEXT.empty)(cell, kept);
  return html`<p class="error cell-error" role="alert">
    ${text}${bad.length > 1 ? t(lang, TEXT.more)(bad.length - 1) : ''}
  </p>`;
}

/** The whole editor: shape bar, pager and cells (behind a disclosure when collapsible), messages, tools. */
export function tensorEditorView(el, on) {
  const body = html`${pagerView(el, on)}${gridView(el, on)}`;
  return html`${shapeFieldView(el, on)}
  ${
    el.collapsible
      ? html`<details
          class="values"
          ?open=${el.expanded}
          @toggle=${(e) => on.setExpanded(e.target.open)}
        >
          <summary>${t(el.lang, TEXT.values)(numel(el.shape))}</summary>
          ${el.expanded ? body : nothing}
        </details>`
      : body
  }
  ${cellErrorView(el, on)} ${listErrorView(el, on)}${toolsView(el, on)}
  ${el.stateNotice ? html`<p class="status" role="status">${el.stateNotice}</p>` : nothing}
  ${el.status ? html`<p class="status" role="status">${el.status}</p>` : nothing}`;
}
