// <bn-mode-grid>'s look: the 2×2 grid of cells, each a small table.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 17em), 1fr));
      gap: 0.75em;
    }
    .cell {
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      padding: 0.4em 0.6em;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .cell[data-moved='true'] {
      border-color: var(--nl-accent, #b3541e);
      border-width: 2px;
    }
    .cell h3 {
      margin: 0 0 0.3em;
      font-size: 0.95em;
    }
    .cell p {
      margin: 0.2em 0;
    }
    .badge {
      font-weight: 600;
    }
    .batch-input {
      width: 100%;
      max-width: 30em;
      box-sizing: border-box;
    }
    .verdict {
      font-weight: 600;
    }
  `,
];
