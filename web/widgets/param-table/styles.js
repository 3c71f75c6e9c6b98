// <param-table>'s styles: the presets, the form, and the listing in a console block.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls, fieldRow } from '../shared/controls-style.js';
import { codeBlock } from '../shared/code-style.js';

export const styles = [
  hostStyle,
  formControls,
  fieldRow,
  codeBlock,
  css`
    :host {
      display: block;
      margin: 0.6em 0;
    }
    .controls {
      align-items: flex-end;
      margin: 0.3em 0 0.6em;
    }
    .check {
      display: flex;
      gap: 0.3em;
      align-items: center;
    }
    input[type='text'] {
      width: 8em;
    }
    input[name='input'] {
      width: 11em;
    }
    .presets {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em;
      align-items: center;
      margin: 0.3em 0;
      font-size: 0.9em;
    }
    .presets button {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
    pre {
      margin: 0.4em 0;
    }
    .prompt {
      color: var(--nl-muted, #5b6472);
    }
    .line {
      display: block;
      white-space: pre;
    }
    .error,
    .field-error {
      color: var(--nl-error, #b3261e);
      overflow-wrap: anywhere;
    }
    .field-error {
      max-width: 14em;
    }
    .summary {
      font-weight: 600;
      margin: 0.4em 0;
    }
    .muted {
      color: var(--nl-muted, #5b6472);
      font-size: 0.9em;
    }
  `,
];
