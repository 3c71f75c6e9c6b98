// <norm-playground>'s styles: captions, the module and ε fields, the statistics table.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls, tableStyle } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  formControls,
  tableStyle,
  css`
    :host {
      display: block;
    }
    .caption {
      margin: 0.8em 0 0.3em;
      font-size: 0.95em;
      font-weight: 600;
    }
    .error {
      color: var(--nl-error, #b3261e);
      overflow-wrap: anywhere;
    }
    .summary {
      margin: 0.4em 0;
      font-weight: 600;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 0.8em;
      align-items: center;
      margin: 0.3em 0;
    }
    input[name='module'] {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      width: min(22em, 70vw);
    }
    input[name='eps'] {
      width: 7em;
    }
    .field-error {
      flex-basis: 100%;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      font-size: 0.9em;
    }
    .swatch {
      display: inline-block;
      width: 0.9em;
      height: 0.9em;
      margin-right: 0.35em;
      border: 1px solid var(--nl-border, #c8cdd6);
      vertical-align: -0.1em;
    }
    .muted {
      color: var(--nl-muted, #5b6472);
      font-size: 0.9em;
    }
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
  `,
];
