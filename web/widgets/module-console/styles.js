// <module-console>'s styles: the mistakes' buttons, the form, and the transcript as a console.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls } from '../shared/controls-style.js';
import { codeBlock } from '../shared/code-style.js';

export const styles = [
  hostStyle,
  formControls,
  codeBlock,
  css`
    :host {
      display: block;
      margin: 0.6em 0;
    }
    .mistakes {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em;
      align-items: center;
      margin: 0.3em 0 0.6em;
      font-size: 0.9em;
    }
    .mistakes button {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85em;
    }
    .mistakes button.fix {
      border-style: dashed;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 0.8em;
      align-items: center;
      margin: 0.3em 0 0.6em;
    }
    input[name='module'] {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      width: min(20em, 70vw);
    }
    .caption {
      margin: 0.8em 0 0.3em;
      font-size: 0.95em;
      font-weight: 600;
    }
    ol.transcript {
      list-style: none;
      margin: 0.3em 0;
    }
    ol.transcript li + li {
      margin-top: 0.5em;
      padding-top: 0.5em;
      border-top: 1px dashed var(--nl-border, #c8cdd6);
    }
    .prompt {
      color: var(--nl-muted, #5b6472);
    }
    .line {
      display: block;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .err {
      color: var(--nl-error, #b3261e);
    }
    .ok {
      color: var(--nl-ok, #1b7f3b);
    }
    .muted {
      color: var(--nl-muted, #5b6472);
    }
  `,
];
