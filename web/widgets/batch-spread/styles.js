// <batch-spread>'s look.
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
    .chart {
      max-width: 40em;
    }
    .grid line,
    .axis line {
      stroke: var(--nl-border, #c8cdd6);
      stroke-width: 0.7;
    }
    .tick,
    .axis text {
      font-size: 12px;
    }
    .axis-title {
      font-size: 12px;
      fill: var(--nl-muted, #5b6472);
    }
    .bn {
      stroke: var(--nl-accent, #1f5fcc);
      fill: var(--nl-accent, #1f5fcc);
    }
    .gn {
      stroke: var(--nl-ok, #1b7f3b);
      fill: var(--nl-ok, #1b7f3b);
    }
    path.bn,
    path.gn {
      fill: none;
      stroke-width: 2.5;
    }
    path.gn {
      stroke-dasharray: 7 4;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1.2em;
      font-size: 0.9em;
      margin: 0.3em 0;
    }
    .key {
      display: inline-block;
      width: 2em;
      height: 0;
      vertical-align: middle;
      margin-right: 0.4em;
      border-top: 3px solid var(--nl-accent, #1f5fcc);
    }
    .key.gn {
      border-top: 3px dashed var(--nl-ok, #1b7f3b);
    }
    .summary {
      margin: 0.4em 0;
    }
    input[type='range'] {
      width: 12em;
    }
  `,
];
