// The look every widget's form controls share, and the layouts built on it. Each widget puts
// `formControls` (directly, or through one of the layouts below) after hostStyle and keeps only
// its own rules (widths, its own boxes) in the widget. Colours are the page's --nl-* properties
// (light and dark, see web/styles/page.css); the fallbacks are the light theme's, for a widget in a
// blog post without the page's style sheet.
import { css } from 'lit';

/**
 * Inputs, selects, buttons and disclosure summaries: one look, a visible focus ring, invalid fields
 * and their messages.
 */
export const formControls = css`
  input,
  select,
  textarea,
  button {
    font: inherit;
    padding: 0.25em 0.5em;
    border: 1px solid var(--nl-border, #c8cdd6);
    border-radius: 5px;
    background: var(--nl-bg, #fff);
    color: var(--nl-fg, #1d2330);
  }
  input[type='checkbox'],
  input[type='radio'] {
    padding: 0;
    width: 1.05em;
    height: 1.05em;
    accent-color: var(--nl-accent, #1f5fcc);
  }
  input[type='range'] {
    padding: 0;
    border: 0;
    background: transparent;
    accent-color: var(--nl-accent, #1f5fcc);
  }
  button,
  summary {
    cursor: pointer;
  }
  summary {
    color: var(--nl-accent, #1f5fcc);
  }
  button[aria-pressed='true'] {
    background: var(--nl-accent, #1f5fcc);
    border-color: var(--nl-accent, #1f5fcc);
    color: var(--nl-bg, #fff);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--nl-focus, #1f6feb);
    outline-offset: 2px;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--nl-error, #b3261e);
    background: var(--nl-error-bg, #fdecea);
  }
  .field-error {
    color: var(--nl-error, #b3261e);
    font-size: 0.85em;
    margin: 0;
  }
  .field-error:empty {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Tables of numbers: rows ruled, numbers right-aligned in tabular figures, the first column left. */
export const tableStyle = css`
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.2em 0.6em;
    border-bottom: 1px solid var(--nl-border, #c8cdd6);
    text-align: right;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
`;

/**
 * A row of labelled fields (`.controls` holding `.field` boxes: label, control, message, one
 * above the other), as in the groups chapter's widgets (<norm-cube>, <reduction-player>,
 * <batch-spread>) and the basics chapter's forms.
 */
export const fieldRow = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: flex-start;
    margin: 0.4em 0 0.6em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.15em;
    min-width: 0;
  }
  .field > span,
  .field > label {
    font-size: 0.85em;
    color: var(--nl-muted, #5b6472);
  }
`;

/** The groups chapter's widgets: their fields, buttons of one height, charts and tables. */
export const controlsStyle = [
  formControls,
  tableStyle,
  fieldRow,
  css`
    .legend {
      font-size: 0.85em;
      color: var(--nl-muted, #5b6472);
    }
    input,
    select,
    button {
      min-height: 2.1em;
    }
    input[type='text'],
    input:not([type]) {
      width: 9em;
    }
    input[type='number'] {
      width: 6em;
    }
    input[type='range'] {
      min-width: 10em;
    }
    .field-error {
      max-width: 28em;
    }
    .segmented {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      overflow: visible;
    }
    svg text {
      fill: var(--nl-fg, #1d2330);
      font-family: inherit;
    }
    .muted {
      color: var(--nl-muted, #5b6472);
    }
    .error {
      color: var(--nl-error, #b3261e);
    }
    details {
      margin: 0.5em 0;
    }
    table {
      font-size: 0.9em;
    }
  `,
];
