// <bn-momentum-convert>'s look: the converter, the chart and its legend.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    .chart {
      width: 100%;
      max-width: 32em;
      height: auto;
      display: block;
    }
    .axis line {
      stroke: var(--nl-muted, #5b6472);
    }
    .axis text {
      font-size: 11px;
      fill: var(--nl-muted, #5b6472);
    }
    .series {
      fill: none;
      stroke-width: 2;
    }
    .series.torch,
    .swatch.torch {
      stroke: var(--nl-accent, #b3541e);
      border-color: var(--nl-accent, #b3541e);
    }
    .series.keras,
    .swatch.keras {
      stroke: var(--nl-link, #1f5fa8);
      border-color: var(--nl-link, #1f5fa8);
    }
    .true-mean {
      stroke: var(--nl-muted, #5b6472);
      stroke-dasharray: 4 3;
    }
    .swatch {
      display: inline-block;
      width: 1.4em;
      border-top: 3px solid;
      vertical-align: middle;
    }
    .runs {
      padding-left: 1.2em;
    }
    .converted {
      font-size: 1.1em;
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 0;
    }
  `,
];
