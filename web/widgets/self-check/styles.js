// <self-check>'s styles: a boxed question with an accent bar, its verdict in green or red.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  formControls,
  css`
    :host {
      display: block;
      margin: 1.2em 0;
      padding: 0.8em 1em;
      border: 1px solid var(--nl-border, #c8cdd6);
      border-left: 4px solid var(--nl-accent, #1f5fcc);
      border-radius: 6px;
    }
    h3 {
      margin: 0 0 0.4em;
      font-size: 1em;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
      margin: 0.5em 0;
    }
    .right {
      color: var(--nl-ok, #1b7f3b);
      font-weight: 600;
    }
    .wrong,
    .error {
      color: var(--nl-error, #b3261e);
      font-weight: 600;
    }
    .explain {
      margin: 0.4em 0 0;
    }
  `,
];
