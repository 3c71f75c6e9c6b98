// <memory-calculator>'s look: the host's and the optimizer forms' styles, presets, swatches, total.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formStyles } from '../shared/optim-controls.js';

export const styles = [
  hostStyle,
  formStyles,
  css`
    .presets button {
      font-size: 0.85em;
    }
    /* the longest optimizer name is wider than a 360 px phone: the select shrinks instead */
    .row > label {
      max-width: 100%;
    }
    select {
      max-width: 100%;
    }
    .summary {
      font-weight: 600;
      margin: 0.6em 0 0.3em;
    }
    .swatch {
      display: inline-block;
      width: 0.9em;
      height: 0.9em;
      border-radius: 2px;
      margin-right: 0.4em;
      vertical-align: -0.1em;
      border: 1px solid var(--nl-border, #c8cdd6);
    }
    tfoot td {
      font-weight: 600;
      border-bottom: none;
    }
  `,
];
