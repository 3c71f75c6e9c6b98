// <pytorch-code>'s styles: the shared code block with a small copy button under it.
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
      margin: 0.5em 0;
    }
    pre {
      margin: 0.4em 0 0;
    }
    button {
      font-size: 0.85em;
      margin-top: 0.3em;
      padding: 0.15em 0.7em;
      background: transparent;
    }
    .status {
      margin-left: 0.5em;
      font-size: 0.85em;
    }
  `,
];
