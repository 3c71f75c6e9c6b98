// <decay-compare>'s look: the host's and the optimizer forms' styles, the three figures, the legend.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { formStyles } from '../shared/optim-controls.js';

export const styles = [
  hostStyle,
  formStyles,
  css`
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 0.8em;
      align-items: flex-start;
    }
    figure {
      margin: 0;
      flex: 1 1 15em;
      max-width: 26em;
    }
    figcaption {
      font-size: 0.9em;
      font-weight: 600;
    }
    .contour {
      fill: none;
      stroke: var(--nl-muted, #5b6472);
      stroke-opacity: 0.45;
    }
    .axis text {
      fill: var(--nl-muted, #5b6472);
      font-size: 11px;
    }
    .axis line,
    .frame {
      stroke: var(--nl-border, #c8cdd6);
      fill: none;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1em;
      font-size: 0.9em;
      margin: 0.3em 0;
    }
    .summary {
      font-weight: 600;
    }
  `,
];
