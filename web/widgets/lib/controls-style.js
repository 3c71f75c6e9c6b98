// The form controls of the cube, the reduction player and the batch-size plot: one look, the
// page's --nl-* colours, a visible focus ring, and inline messages next to their field.
import { css } from 'lit';

export const controlsStyle = css`
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
  .field > label,
  .legend {
    font-size: 0.85em;
    color: var(--nl-muted, #5b6472);
  }
  input,
  select,
  button {
    font: inherit;
    padding: 0.25em 0.55em;
    border: 1px solid var(--nl-border, #c8cdd6);
    border-radius: 5px;
    background: var(--nl-bg, #fff);
    color: var(--nl-fg, #1d2330);
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
    padding: 0;
    min-width: 10em;
  }
  button {
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: var(--nl-accent, #1f5fcc);
    border-color: var(--nl-accent, #1f5fcc);
    color: var(--nl-bg, #fff);
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  :focus-visible {
    outline: 3px solid var(--nl-focus, #1f6feb);
    outline-offset: 2px;
  }
  [aria-invalid='true'] {
    border-color: var(--nl-error, #b3261e);
    background: var(--nl-error-bg, #fdecea);
  }
  .field-error {
    color: var(--nl-error, #b3261e);
    font-size: 0.85em;
    max-width: 28em;
    margin: 0;
  }
  .segmented {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
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
  table {
    border-collapse: collapse;
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.15em 0.6em;
    border-bottom: 1px solid var(--nl-border, #c8cdd6);
    text-align: right;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
`;
