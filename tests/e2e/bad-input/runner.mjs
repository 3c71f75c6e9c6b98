// Runs one row of the field table: each bad value in turn (a message next to the field, what was on
// screen unchanged, the learner's text kept, no console error), then a valid value (the message goes,
// the outputs are recomputed).
import assert from 'node:assert/strict';
import { snapshot } from '../reliability-helpers.mjs';
import { accepted } from './values.mjs';

/** The field's messages: visible text of error elements in the field's own shadow root. */
export function readField(field) {
  return field.evaluate((el) => {
    const root = el.getRootNode();
    const messages = [
      ...root.querySelectorAll('[role="alert"], .error, .field-error, .err, [id$="-error"]'),
    ]
      .filter((m) => m.getClientRects().length && m.textContent.trim())
      .map((m) => ({ text: m.textContent.trim(), alert: m.getAttribute('role') === 'alert' }));
    return { invalid: el.getAttribute('aria-invalid') === 'true', messages, value: el.value };
  });
}

/** Messages that were not there before (a transcript may repeat an earlier one: counted). */
export const newMessages = (now, before) => {
  const seen = new Map();
  for (const m of before.messages) seen.set(m.text, (seen.get(m.text) ?? 0) + 1);
  return now.messages.filter((m) => {
    const left = seen.get(m.text) ?? 0;
    seen.set(m.text, left - 1);
    return left <= 0;
  });
};

async function enter(row, host, field, value) {
  if (value.paste) {
    await field.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, value.text);
  } else {
    await field.fill(value.text);
  }
  if (row.commit) await row.commit(host, field);
}

/** Polls `check` (which throws while not yet true) for up to 3 s. */
export async function eventually(check, what) {
  const end = Date.now() + 3000;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw new Error(`${what}: ${err.message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export const show = (text) =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 30)}… (${text.length})` : text);

export async function runRow(page, problems, row) {
  const host = page.locator(row.host).first();
  await host.waitFor();
  if (row.setup) await row.setup(host);
  if (row.open) await row.open(host);
  const field = row.field(host);
  await field.waitFor();
  const keep = row.keep(host);
  let valid = 0;
  const values = [
    ...row.bad.map((v) => (typeof v === 'string' ? { text: v } : v)),
    ...(row.accepted ?? []).map((v) => (typeof v === 'string' ? accepted(v) : v)),
  ];
  const counts = { refused: 0, accepted: 0 };
  for (const value of values) {
    const what = `${row.name}, ${show(value.text)}`;
    const clean = await readField(field);
    const before = await snapshot(keep);
    assert.ok(before.length, `${row.name}: nothing to keep on screen`);
    await enter(row, host, field, value);
    const expect = value.expect ?? 'refused';
    if (expect === 'accepted') {
      counts.accepted++;
      await eventually(async () => {
        const now = await readField(field);
        assert.equal(now.invalid, false, 'the field is not marked');
        const fresh = newMessages(now, clean).filter((m) => m.alert);
        assert.deepEqual(fresh, [], 'no alert');
      }, `${what}: PyTorch accepts it, the page must too`);
    } else {
      counts.refused++;
      const shown = await eventually(async () => {
        const now = await readField(field);
        const fresh = newMessages(now, clean);
        assert.ok(fresh.length, 'a message appears next to the field');
        if (expect === 'refused') {
          assert.ok(now.invalid || fresh.some((m) => m.alert), 'role=alert or aria-invalid');
          // a form's one message for several fields: the field it is about is marked
          if (row.marks) assert.ok(now.invalid, 'the field is marked');
        }
        if (value.message)
          assert.ok(
            fresh.some((m) => value.message.test(m.text)),
            `${fresh.map((m) => m.text).join(' | ')} should match ${value.message}`,
          );
        return fresh;
      }, what);
      assert.ok(
        shown.every((m) => m.text.length < 600),
        `${what}: the message is short`,
      );
      assert.deepEqual(await snapshot(keep), before, `${what}: what was on screen is unchanged`);
    }
    // the learner's text stays: in the field, or (a list pasted into a cell) in the paste box
    const kept = value.paste
      ? await field.evaluate((el) => el.getRootNode().querySelector('#list').value)
      : await field.inputValue();
    assert.ok(kept === value.text, `${what}: the learner's text stays`);
    assert.deepEqual(problems, [], what);
    // a valid value works again: the message goes and the outputs are recomputed
    const good = row.valid[valid++ % 2];
    const prior = await snapshot(keep);
    await field.fill(good);
    if (row.commit) await row.commit(host, field);
    if (row.after) await row.after(host);
    await eventually(
      async () => {
        const now = await readField(field);
        assert.equal(now.invalid, false, 'no longer marked');
        assert.deepEqual(
          newMessages(now, clean).filter((m) => m.alert || now.invalid),
          [],
          'no message left',
        );
        if (row.works) await row.works(host);
        else assert.notDeepEqual(await snapshot(keep), prior, 'recomputed');
      },
      `${what}, then ${show(good)}`,
    );
    if (row.reset) {
      await row.reset(host);
      if (expect === 'row') await row.reset(host);
    }
    assert.deepEqual(problems, [], `${what}, then ${show(good)}`);
  }
  return counts;
}

/** Applies a field's value without the English button names: Enter, or the paste box's 填入. */
export async function commitChinese(field) {
  if ((await field.evaluate((el) => el.tagName)) !== 'TEXTAREA') return field.press('Enter');
  await field.evaluate((el) =>
    [...el.getRootNode().querySelectorAll('button')]
      .find((b) => b.textContent.trim() === '填入')
      .click(),
  );
}
