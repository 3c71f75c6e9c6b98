// <optimizer-race>'s look: the host's and the optimizer forms' styles, and the plot, lanes and table.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formStyles } from '../shared/optim-controls.js';

export const styles = [
  hostStyle,
  formStyles,
  css`
    .plot {
      position: relative;
      max-width: 720px;
      margin: 0.6em 0;
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      cursor: crosshair;
      touch-action: manipulation;
    }
    .contour {
      fill: none;
      stroke: var(--nl-muted, #5b6472);
      stroke-opacity: 0.45;
      stroke-width: 1;
    }
    .axis text {
      fill: var(--nl-muted, #5b6472);
      font-size: 11px;
    }
    .axis line {
      stroke: var(--nl-border, #c8cdd6);
    }
    .path {
      fill: none;
      stroke-width: 2;
      stroke-linejoin: round;
    }
    .start {
      fill: none;
      stroke: var(--nl-fg, #1d2330);
      stroke-width: 2;
    }
    .minimum {
      fill: var(--nl-fg, #1d2330);
    }
    .lanes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
      gap: 0.4em 0.8em;
    }
    .lane {
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      padding: 0.3em 0.5em;
    }
    .lane summary {
      cursor: pointer;
      font-size: 0.9em;
      color: var(--nl-muted, #5b6472);
    }
    .lane .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 0.6em;
      margin-top: 0.3em;
    }
    .lane .field {
      display: flex;
      flex-direction: column;
    }
    .key {
      display: inline-block;
      vertical-align: middle;
    }
    .status {
      font-weight: 600;
      margin: 0.4em 0;
    }
    tr.best td {
      font-weight: 600;
    }
    .notice {
      color: var(--nl-muted, #5b6472);
      font-size: 0.9em;
    }
    .inspect {
      margin: 0.6em 0;
    }
    .caption {
      font-weight: 600;
      margin: 0.4em 0 0.2em;
    }
  `,
];
