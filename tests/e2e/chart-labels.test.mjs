// No chart label is clipped: in every chapter, every <text> of every SVG in a widget's shadow root
// (widgets inside widgets too) lies inside its SVG's box, within half a pixel. An SVG clips what
// falls outside its box, so a tick label drawn past the edge loses its sign or its last digit.
// Checked in both languages and at a desktop and a phone width, on the tutorial page as a reader
// first opens it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, PHONE } from './harness.mjs';
import { settle } from './reliability-helpers.mjs';

const TOLERANCE_PX = 0.5;

const env = useBrowser();

/**
 * How many labels are drawn, and every one that sticks out of its SVG: "widget > svg[its label]:
 * "text" by N px (left, top, right, bottom)". Labels not drawn (hidden, inside a closed <details>)
 * have no box and are skipped.
 */
function drawnLabels(tolerance) {
  const out = [];
  let drawn = 0;
  const visit = (root, host) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot, el);
    }
    if (!host) return;
    for (const svg of root.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      for (const text of svg.querySelectorAll('text')) {
        const label = text.textContent.trim();
        const r = text.getBoundingClientRect();
        if (!label || !r.width || !r.height) continue;
        drawn += 1;
        const over = {
          left: box.left - r.left,
          top: box.top - r.top,
          right: r.right - box.right,
          bottom: r.bottom - box.bottom,
        };
        const sides = Object.entries(over).filter(([, px]) => px > tolerance);
        if (!sides.length) continue;
        const name = svg.getAttribute('aria-label')?.slice(0, 40) ?? svg.getAttribute('class');
        const by = sides.map(([side, px]) => `${side} ${px.toFixed(1)} px`).join(', ');
        out.push(`${host.tagName.toLowerCase()} > svg[${name}]: "${label}" by ${by}`);
      }
    }
  };
  visit(document, null);
  return { drawn, clipped: [...new Set(out)] };
}

for (const [screen, options] of [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  ['phone', PHONE],
]) {
  for (const lang of ['en', 'zh']) {
    test(`${screen}, ${lang}: every chart label lies inside its SVG`, async () => {
      const { context, page, problems } = await openPage(
        env.browser,
        `${env.server.url}#lang=${lang}`,
        options,
      );
      await settle(page);
      assert.equal(
        await page.evaluate(() => document.documentElement.lang),
        lang === 'zh' ? 'zh-CN' : 'en',
      );
      const { drawn, clipped } = await page.evaluate(drawnLabels, TOLERANCE_PX);
      // the check means something only if the page draws charts with labels
      assert.ok(drawn > 100, `only ${drawn} labels drawn on the page`);
      assert.deepEqual(clipped, []);
      // the race's other surfaces have other views, and so other ticks at their edges
      const surfaces = page.locator('optimizer-race').first().locator('select').first();
      for (const surface of await surfaces.evaluate((s) => [...s.options].map((o) => o.value))) {
        await surfaces.selectOption(surface);
        await settle(page);
        assert.deepEqual((await page.evaluate(drawnLabels, TOLERANCE_PX)).clipped, [], surface);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
