// <count-table>'s styles: the table with its numbers right-aligned, and the form that adds a row.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  formControls,
  css`
    :host {
      display: block;
      margin: 0.6em 0;
    }
    .wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      font-size: 0.92em;
      font-variant-numeric: tabular-nums;
    }
    caption {
      caption-side: bottom;
      text-align: left;
      font-size: 0.85em;
      color: var(--nl-muted, #5b6472);
      padding-top: 0.3em;
    }
    th,
    td {
      padding: 0.25em 0.6em;
      border-bottom: 1px solid var(--nl-border, #c8cdd6);
      text-align: left;
      vertical-align: top;
    }
    td.n {
      text-align: right;
      font-weight: 600;
    }
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.95em;
    }
    .error {
      color: var(--nl-error, #b3261e);
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 0.8em;
      align-items: center;
      margin-top: 0.6em;
    }
    input[name='module'] {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      width: 14em;
    }
    input[name='shape'] {
      width: 8em;
    }
    .field-error {
      flex-basis: 100%;
    }
  `,
];
