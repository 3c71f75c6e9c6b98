// <optimizer-state>'s look: the host's and the optimizer forms' styles, captions and buffers.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formStyles } from '../shared/optim-controls.js';

export const styles = [
  hostStyle,
  formStyles,
  css`
    .caption {
      margin: 0.8em 0 0.3em;
      font-weight: 600;
      font-size: 0.95em;
    }
    .buffers {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1.5em;
    }
    .summary {
      font-weight: 600;
    }
  `,
];
