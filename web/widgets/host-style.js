// The reset every widget puts first in its styles. Shadow DOM keeps the host page's selectors out,
// but inherited properties still flow in through the widget's own element, and a page's
// `* { ... !important }` reaches that element too. Inside a shadow tree, !important on :host wins
// over the page's !important, so the typography a widget depends on is pinned here.
import { css } from 'lit';

export const hostStyle = css`
  :host {
    display: block;
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      'Noto Sans CJK SC',
      'PingFang SC',
      'Microsoft YaHei',
      sans-serif !important;
    font-size: 16px !important;
    font-weight: 400 !important;
    font-style: normal !important;
    line-height: 1.5 !important;
    color: var(--nl-fg, #1d2330) !important;
    text-align: left !important;
    text-transform: none !important;
    text-indent: 0 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    white-space: normal !important;
    visibility: visible !important;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
`;
