// The boxed monospace block that code and console output sit in (<pytorch-code>'s snippet,
// <param-table>'s listing, <module-console>'s transcript): class="code-block". Margins stay with
// the widget.
import { css } from 'lit';

export const codeBlock = css`
  .code-block {
    padding: 0.7em 0.9em;
    overflow-x: auto;
    background: var(--nl-code-bg, #f3f5f8);
    border: 1px solid var(--nl-border, #c8cdd6);
    border-radius: 6px;
    font:
      0.85em/1.45 ui-monospace,
      'SFMono-Regular',
      Menlo,
      Consolas,
      monospace;
  }
`;
