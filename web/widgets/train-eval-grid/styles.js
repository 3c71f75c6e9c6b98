// <train-eval-grid>'s look.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(max(14em, 40%), 1fr));
      gap: 0.75em 1.25em;
    }
    .cell {
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      padding: 0.4em 0.6em;
      min-width: 0;
    }
    .cell h3 {
      margin: 0 0 0.3em;
      font-size: 0.95em;
    }
    .verdict {
      font-weight: 600;
    }
  `,
];
