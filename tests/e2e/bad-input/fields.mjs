// The field table: every input field of every widget on the tutorial page, in chapter order.
import { FIELDS_1_4 } from './fields-1-4.mjs';
import { FIELDS_5_10 } from './fields-5-10.mjs';

/**
 * One row per field: where the widget is (`host`), the field (`field`, a locator in it), what
 * must stay on screen while the field holds a bad value (`keep`), the bad values (strings, or
 * {text, expect, message, paste}), two valid values that must each recompute `keep`, and what
 * applies a value (`commit`: a button, Enter; by default typing is enough). `marks`: the field
 * itself must be marked invalid (a form whose one message serves several fields).
 */
export const FIELDS = [...FIELDS_1_4, ...FIELDS_5_10];

/** The chapter a row's widget is in (its section's data-chapter). */
export const CHAPTER_OF = (row) => row.host.match(/data-chapter="([^"]+)"/)[1];

/** What each stateful widget shows by default: its `keep` from FIELDS, by state-key. */
export function keepOf(key) {
  return FIELDS.find((row) => row.host.includes(`[state-key="${key}"]`))?.keep;
}
