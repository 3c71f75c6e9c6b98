// <bn-batch-rule>'s look: the fields, the verdicts and the per-channel outputs.
import { css } from 'lit';
import { hostStyle } from '../shared/host-style.js';
import { controlStyle } from '../shared/dynamics-kit.js';

export const styles = [
  hostStyle,
  controlStyle,
  css`
    .message {
      overflow-wrap: anywhere;
    }
    section {
      margin-top: 0.75em;
    }
    h3 {
      font-size: 1em;
      margin: 0.8em 0 0.3em;
    }
    .count {
      font-size: 1.1em;
    }
    .verdict {
      font-weight: 600;
    }
  `,
];
