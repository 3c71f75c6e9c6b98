// <bn-stepper>'s look: the kit's controls, the per-channel charts and their legend.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    h3 {
      font-size: 1em;
      margin: 1em 0 0.4em;
    }
    .charts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em;
    }
    .chart {
      flex: 1 1 15em;
      max-width: 22em;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1em;
      font-size: 0.85em;
      color: var(--nl-muted, #5b6472);
    }
    .swatch {
      display: inline-block;
      width: 1.4em;
      height: 0;
      border-top: 3px solid;
      vertical-align: middle;
      margin-right: 0.3em;
    }
    .mean-line {
      stroke: var(--nl-accent, #1f5fcc);
      color: var(--nl-accent, #1f5fcc);
    }
    .var-line {
      stroke: var(--nl-error, #b3261e);
      color: var(--nl-error, #b3261e);
    }
    path.series {
      fill: none;
      stroke-width: 2;
    }
    line.truth {
      stroke-width: 1.2;
      stroke-dasharray: 4 3;
    }
    line.axis,
    .axis line {
      stroke: var(--nl-border, #c8cdd6);
    }
    .formula {
      font-variant-numeric: tabular-nums;
      margin: 0.4em 0;
    }
  `,
];
