// <training-lab>'s look: the shared host and controls styles, plus its charts and statement box.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlsStyle } from '../shared/controls-style.js';

export const styles = [
  hostStyle,
  controlsStyle,
  css`
    .runs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 1em;
      border: 1px solid var(--nl-border, #c8cdd6);
      border-radius: 6px;
      padding: 0.3em 0.6em;
    }
    .runs label {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
    }
    .playback {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      align-items: center;
      margin: 0.4em 0;
    }
    progress {
      flex: 1 1 10em;
      min-width: 8em;
      accent-color: var(--nl-accent, #1f5fcc);
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18em, 1fr));
      gap: 0.6em;
    }
    figure {
      margin: 0;
    }
    figcaption {
      font-size: 0.9em;
      font-weight: 600;
    }
    .curve {
      fill: none;
      stroke-width: 2;
    }
    .axis line {
      stroke: var(--nl-border, #c8cdd6);
    }
    .axis text,
    .axis-name {
      font-size: 11px;
      fill: var(--nl-muted, #5b6472);
    }
    .swatch {
      display: inline-block;
      width: 0.8em;
      height: 0.8em;
      border-radius: 2px;
      margin-right: 0.3em;
    }
    .scroll {
      overflow-x: auto;
    }
    .statement {
      border-left: 4px solid var(--nl-accent, #1f5fcc);
      padding: 0.2em 0.8em;
      margin: 0.6em 0;
      background: var(--nl-code-bg, #f3f5f8);
    }
    .statement h3 {
      font-size: 1em;
      margin: 0.3em 0;
    }
    .statement p {
      margin: 0.3em 0;
    }
    .changed {
      font-weight: 600;
    }
    .status {
      margin: 0.3em 0;
    }
    .notice {
      color: var(--nl-muted, #5b6472);
      font-size: 0.9em;
    }
  `,
];
