// Shared pieces of the optimizer chapter's widgets (<optimizer-race>, <optimizer-state>,
// <memory-calculator>, <decay-compare>): the look of their forms, strict number parsing for
// hyper-parameter fields, and which field a PyTorch constructor message is about.
// Not a widget itself: it defines no element.
import { css } from 'lit';
import { formControls, tableStyle } from './lib/controls-style.js';
import { parseNumber } from '../model/parse.js';

/** The controls' look (formControls) in these widgets' fieldsets and rows of labels. */
export const formStyles = [
  formControls,
  tableStyle,
  css`
    fieldset {
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      margin: 0.5em 0;
      padding: 0.4em 0.7em 0.6em;
      min-width: 0;
    }
    legend {
      font-weight: 600;
      padding: 0 0.3em;
    }
    label {
      display: inline-flex;
      flex-direction: column;
      gap: 0.1em;
      font-size: 0.9em;
    }
    label.inline {
      flex-direction: row;
      align-items: center;
      gap: 0.35em;
    }
    input.num {
      width: 6.5em;
      font-variant-numeric: tabular-nums;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 0.8em;
      align-items: flex-end;
      margin: 0.4em 0;
    }
    .field-error {
      max-width: 22em;
    }
    .muted {
      color: var(--nl-muted, #5b6472);
    }
    .scroll {
      max-width: 100%;
      overflow-x: auto;
    }
    svg {
      display: block;
      max-width: 100%;
      height: auto;
    }
  `,
];

/**
 * A number as a learner types it: "0.01", "1e-3", ".5", "−2" (model/parse.js's parseNumber, the
 * rule of every field, link and attribute). Returns null for anything else.
 */
export const parseNumberText = parseNumber;

/** How the page writes a hyper-parameter back into its field: short, and readable as typed. */
export const fieldText = (v) => (typeof v === 'number' ? String(+v.toPrecision(6)) : String(v));

export const TEXT = {
  notNumber: {
    zh: '请输入一个有限的数，例如 0.01 或 1e-3；当前仍使用上一个有效值',
    en: 'Type a finite number such as 0.01 or 1e-3; the last valid value is still in use',
  },
};
