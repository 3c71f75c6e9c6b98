// <norm-cube>'s styles: the cube's cells and slabs, its summary and detail lines.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlsStyle } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  controlsStyle,
  css`
    :host {
      display: block;
      margin: 0.8em 0;
    }
    .cube {
      border-radius: 6px;
      max-width: 40em;
    }
    .cube:focus-visible {
      outline-offset: 3px;
    }
    /* no bigger than 1.4 px per unit: a small cube stays small instead of filling the column */
    .cube svg {
      max-width: calc(var(--cube-units) * 1.4px);
    }
    /* on a touch screen a cell (16 units) is a 24.8 px tap target (WCAG 2.2 target size): the
       cube is drawn at 1.55 px per unit, and one wider than its box scrolls inside the box, not
       the page */
    @media (pointer: coarse) {
      .cube {
        overflow-x: auto;
      }
      .cube svg {
        width: calc(var(--cube-units) * 1.55px);
        max-width: none;
      }
    }
    .cell {
      stroke: var(--nl-border, #c8cdd6);
      stroke-width: 0.6;
      cursor: pointer;
    }
    .cell.dim {
      opacity: 0.3;
    }
    .cell.member {
      stroke: var(--nl-fg, #1d2330);
      stroke-width: 1.2;
    }
    .pick {
      fill: none;
      stroke: var(--nl-focus, #1f6feb);
      stroke-width: 3;
      pointer-events: none;
    }
    .slab {
      fill: var(--nl-border, #c8cdd6);
      opacity: 0.45;
    }
    .label {
      font-size: 11px;
    }
    .axis {
      font-size: 11px;
      fill: var(--nl-muted, #5b6472);
    }
    .summary {
      margin: 0.3em 0;
      font-weight: 600;
    }
    .detail {
      margin: 0.4em 0;
      min-height: 3em;
    }
    .hint {
      font-size: 0.9em;
      margin: 0.2em 0;
    }
    :host([compact]) .cube {
      max-width: 24em;
    }
  `,
];
