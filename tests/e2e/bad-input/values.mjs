// The bad values every field is given and the small helpers the field table's rows are written with.
import { longList } from '../reliability-helpers.mjs';

export const HUGE = longList(200_000);
/** Text that is no number: refused by every numeric field. */
export const NOT_NUMBERS = ['abc', 'NaN', 'Infinity', '-Infinity', '', '1e400', '0x10', ' ', HUGE];
/** Shapes no tensor of the page may have. */
export const BAD_SHAPES = ['0,3', '-1,4', '2,,3', '99999,99999', 'abc', '', '1e400', '2,3,4,4,1,1'];
// expectations other than "refused"
export const accepted = (text) => ({ text, expect: 'accepted' });
export const pasted = (text) => ({ text, paste: true });
export const message = (text, words) => ({ text, message: words });

/** A host in a chapter, by tag and state-key. */
export const inChapter = (chapter, tag, key) =>
  `section[data-chapter="${chapter}"] ${tag}${key ? `[state-key="${key}"]` : ''}`;

export const click = (name) => (host) => host.getByRole('button', { name, exact: true }).click();
export const openDetails = (summary) => async (host) => {
  const handle = host.locator('summary', { hasText: summary }).first();
  if (!(await handle.evaluate((el) => el.parentElement.open))) await handle.click();
};
export const openLane = (id) => async (host) => {
  const summary = host.locator(`.lane[data-lane="${id}"] summary`);
  if (!(await summary.evaluate((el) => el.parentElement.open))) await summary.click();
};
export const pressEnter = (host, field) => field.press('Enter');

/** Two lists of 24 numbers, for the (2, 3, 4) tensors. */
export const list24 = (k) =>
  Array.from({ length: 24 }, (_, i) => ((i * (k + 2)) % 7) - 3).join(', ');
