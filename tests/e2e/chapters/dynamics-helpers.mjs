// Shared by the browser tests of chapters 6, 7 and 8: small readers for the widgets' shadow DOM,
// and PyTorch's printed numbers.
import { runPyTorch } from '../../../scripts/lib/pytorch-runs.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { groupMoments } from '../../../web/engine/group_stats.js';
import { runDeepStack } from '../../../web/engine/deep_stack.js';

export { formatNumber, groupMoments, runDeepStack };

/** Fills the cells `label[i, j]` of a (rows, cols) tensor editor with `values`, row-major. */
export async function fillTensor(editor, label, values, cols) {
  for (let i = 0; i < values.length; i++) {
    const idx = `${Math.floor(i / cols)}, ${i % cols}`;
    await editor.getByLabel(`${label}[${idx}]`, { exact: true }).fill(String(values[i]));
  }
}

/** The numbers typed in an editable tensor editor, row-major. */
export async function readInputs(editor) {
  // a collapsible editor draws its cells a frame after it is opened: wait for the first one
  await editor.locator('input[data-i]').first().waitFor();
  return editor
    .locator('input[data-i]')
    .evaluateAll((cells) =>
      cells.sort((a, b) => Number(a.dataset.i) - Number(b.dataset.i)).map((c) => Number(c.value)),
    );
}

/** The texts of a read-only tensor editor's cells, row-major. */
export function readOutputs(editor) {
  return editor
    .locator('output[data-i]')
    .evaluateAll((cells) =>
      cells
        .sort((a, b) => Number(a.dataset.i) - Number(b.dataset.i))
        .map((c) => c.textContent.trim()),
    );
}

export const formatAll = (values) => Array.from(values, (v) => formatNumber(v));

/** What Debian's torch printed for `code` (recorded: scripts/lib/pytorch-runs.mjs), as lines. */
export function runPython(code) {
  return runPyTorch(code).trim().split('\n');
}

/** Every number in a line that PyTorch printed (tensor(...) reprs), without grad_fn=<...>. */
export const numbersIn = (line) =>
  (line.replace(/grad_fn=<[^>]*>/g, '').match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g) ?? []).map(Number);

/** PyTorch prints 4 decimals: equal to the engine's value within that. */
export function assertClose(got, want, what) {
  if (got.length !== want.length) throw new Error(`${what}: ${got} vs ${Array.from(want)}`);
  got.forEach((g, i) => {
    if (Math.abs(g - want[i]) > 1e-4 + 1e-4 * Math.abs(want[i]))
      throw new Error(`${what}[${i}]: PyTorch ${g}, engine ${want[i]}`);
  });
}
