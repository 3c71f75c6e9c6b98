// <tensor-editor>'s styles: slices of cells, the shape bar, the paste tools and the pager.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  formControls,
  css`
    :host {
      display: block;
      max-width: 100%;
      overflow-x: auto;
      --cell-w: 4.6em;
    }
    .slices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em 1.25em;
    }
    .slice {
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      padding: 0.35em;
    }
    .slice-label {
      font-size: 0.8em;
      color: var(--nl-muted, #5b6472);
      margin: 0 0 0.2em 0.2em;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 2px;
      margin: 2px 0;
    }
    output {
      font: inherit;
    }
    .cell {
      box-sizing: border-box;
      width: var(--cell-w);
      flex: none;
      padding: 0.25em 0.3em;
      font-variant-numeric: tabular-nums;
      text-align: right;
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 4px;
      background: var(--cell-bg, var(--nl-bg, #fff));
    }
    output.cell {
      display: block;
      width: auto;
      min-width: max(var(--out-w, 5.3em), var(--fit-w, 0px));
      border-color: transparent;
      white-space: nowrap;
    }
    :focus-visible {
      outline-offset: 1px;
    }
    .note {
      margin-left: 0.6em;
      font-size: 0.85em;
      color: var(--nl-muted, #5b6472);
      white-space: nowrap;
    }
    .error {
      color: var(--nl-error, #b3261e);
      font-size: 0.9em;
      margin: 0.3em 0 0;
    }
    .status {
      color: var(--nl-muted, #5b6472);
      font-size: 0.9em;
      margin: 0.3em 0 0;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4em 0.6em;
      margin: 0 0 0.4em;
    }
    .bar input {
      width: 9em;
    }
    .tools {
      margin: 0.4em 0 0;
      font-size: 0.95em;
    }
    .values summary {
      width: fit-content;
      margin: 0.2em 0;
    }
    .tools summary {
      width: fit-content;
    }
    .tools label {
      display: block;
      margin: 0.3em 0 0.2em;
      font-size: 0.9em;
    }
    .tools textarea {
      display: block;
      box-sizing: border-box;
      width: 100%;
      min-height: 3.2em;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
    .tools .bar {
      margin-top: 0.35em;
    }
  `,
];
