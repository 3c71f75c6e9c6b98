// <deep-stack>'s look.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    .pair {
      display: flex;
      align-items: center;
      gap: 0.4em;
    }
    .pair input:not([type]) {
      width: 4.5em;
    }
    .radios {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2em 0.8em;
    }
    .ridge path.hist {
      fill: color-mix(in srgb, var(--nl-accent, #1f5fcc) 30%, transparent);
      stroke: var(--nl-accent, #1f5fcc);
      stroke-width: 1;
    }
    .ridge rect.overflow {
      fill: var(--nl-error, #b3261e);
      opacity: 0.75;
    }
    .ridge line.base,
    .axis line {
      stroke: var(--nl-border, #c8cdd6);
    }
    .std path {
      fill: none;
      stroke-width: 2;
    }
    .line-none {
      stroke: var(--nl-error, #b3261e);
      color: var(--nl-error, #b3261e);
    }
    .line-bn {
      stroke: var(--nl-accent, #1f5fcc);
      color: var(--nl-accent, #1f5fcc);
    }
    .line-ln {
      stroke: var(--nl-ok, #1b7f3b);
      color: var(--nl-ok, #1b7f3b);
    }
    .line-ln.dashed {
      stroke-dasharray: 6 4;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1em;
      font-size: 0.85em;
    }
    .swatch {
      display: inline-block;
      width: 1.4em;
      border-top: 3px solid;
      vertical-align: middle;
      margin-right: 0.3em;
    }
    .summary p {
      margin: 0.2em 0;
    }
    details {
      margin: 0.5em 0;
    }
  `,
];
