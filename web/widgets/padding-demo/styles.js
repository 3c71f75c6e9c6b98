// <padding-demo>'s look.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    h3 {
      margin: 1em 0 0.3em;
      font-size: 0.95em;
    }
    .changed {
      color: var(--nl-error, #b3261e);
      font-weight: 600;
    }
    .pad-row td {
      color: var(--nl-muted, #5b6472);
    }
    .summary {
      font-weight: 600;
    }
    .outputs {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16em, 1fr));
      gap: 0.5em 1.25em;
    }
  `,
];
