// <reduction-player>'s styles: the chips, the sum boxes, the element in flight.
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
    .heading {
      font-weight: 600;
      margin: 0.3em 0;
    }
    .chip rect {
      stroke: var(--nl-border, #c8cdd6);
    }
    .chip.used {
      opacity: 0.35;
    }
    .chip text,
    .box text {
      font-size: 13px;
      font-variant-numeric: tabular-nums;
    }
    .box rect {
      fill: var(--nl-bg, #fff);
      stroke: var(--nl-border, #c8cdd6);
    }
    .box.active rect {
      stroke: var(--nl-accent, #1f5fcc);
      stroke-width: 2.5;
    }
    .box .name {
      font-size: 11px;
      fill: var(--nl-muted, #5b6472);
    }
    .flyer rect {
      stroke: var(--nl-accent, #1f5fcc);
      stroke-width: 2;
    }
    .status {
      min-height: 3em;
      margin: 0.4em 0;
    }
    .table-wrap {
      overflow-x: auto;
      max-height: 24em;
    }
  `,
];
