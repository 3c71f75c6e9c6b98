// <affine-plot>'s styles: the γ/β controls, the plot's curves and dots, and their legend.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formControls, fieldRow } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  formControls,
  fieldRow,
  css`
    :host {
      display: block;
    }
    .controls {
      gap: 0.5em 1.2em;
      align-items: flex-end;
    }
    .pair {
      display: flex;
      gap: 0.4em;
      align-items: center;
    }
    input[type='text'] {
      width: 4.5em;
    }
    input[type='range'] {
      width: 9em;
    }
    .error {
      color: var(--nl-error, #b3261e);
      font-size: 0.9em;
      margin: 0.2em 0;
    }
    svg {
      display: block;
      width: 100%;
      max-width: 640px;
      height: auto;
      overflow: visible;
    }
    .axis line,
    .axis path {
      stroke: var(--nl-border, #c8cdd6);
    }
    .axis text {
      fill: var(--nl-muted, #5b6472);
      font-size: 11px;
    }
    .band {
      fill: var(--nl-group-0, #dbeafe);
      opacity: 0.6;
    }
    .base {
      fill: none;
      stroke: var(--nl-muted, #5b6472);
      stroke-width: 1.5;
      stroke-dasharray: 5 4;
    }
    .curve {
      fill: none;
      stroke: var(--nl-accent, #1f5fcc);
      stroke-width: 2.5;
    }
    .dot {
      fill: var(--nl-accent, #1f5fcc);
      stroke: var(--nl-bg, #fff);
      stroke-width: 1.5;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1.2em;
      font-size: 0.85em;
      color: var(--nl-muted, #5b6472);
      margin: 0.2em 0 0.4em;
    }
    .key {
      display: inline-block;
      width: 1.8em;
      height: 0;
      margin-right: 0.35em;
      vertical-align: middle;
      border-top: 2.5px solid var(--nl-accent, #1f5fcc);
    }
    .key.base-key {
      border-top: 1.5px dashed var(--nl-muted, #5b6472);
    }
    .key.dot-key {
      width: 0.7em;
      height: 0.7em;
      border: none;
      border-radius: 50%;
      background: var(--nl-accent, #1f5fcc);
    }
    .summary {
      margin: 0.4em 0;
    }
    .caption {
      margin: 0.8em 0 0.3em;
      font-size: 0.95em;
      font-weight: 600;
    }
  `,
];
