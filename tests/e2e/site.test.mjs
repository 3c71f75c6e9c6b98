// The tutorial page as a whole: accessibility (axe-core), themes, a phone-sized viewport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, axeViolations, sidewaysOverflow, PHONE } from './harness.mjs';

const env = useBrowser();

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

for (const [locale, colorScheme] of [
  ['en-US', 'light'],
  ['zh-CN', 'dark'],
]) {
  test(`axe-core finds no violations (${locale}, ${colorScheme})`, async () => {
    const { context, page, problems } = await openPage(env.browser, env.server.url, {
      locale,
      colorScheme,
    });
    await page.waitForTimeout(300); // let every widget render once
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('dark mode follows the system, and the theme switch overrides it and is remembered', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { colorScheme: 'dark' });
  assert.equal(await background(page), 'rgb(20, 23, 28)');
  await page.getByLabel('Theme').selectOption('light');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.equal(await background(page), 'rgb(255, 255, 255)');
  await page.reload();
  await page.waitForSelector('html[data-engine="ready"]');
  assert.equal(await background(page), 'rgb(255, 255, 255)');
  await page.getByLabel('Theme').selectOption('system');
  assert.equal(await background(page), 'rgb(20, 23, 28)');
  await context.close();
});

test('on a phone-sized screen the page does not scroll sideways and cells take taps', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, PHONE);
  const overflow = await sidewaysOverflow(page);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const cell = page.getByLabel('x[0, 0, 0]', { exact: true });
  await cell.tap();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  assert.equal(await cell.inputValue(), '5');
  assert.equal(
    await page.evaluate(() => document.activeElement?.tagName),
    'NORM-PLAYGROUND',
    'the tap focused the cell inside the widget',
  );
  assert.deepEqual(problems, []);
  await context.close();
});
