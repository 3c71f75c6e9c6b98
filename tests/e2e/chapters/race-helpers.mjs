// Shared by the chapter 10 (optimizers) browser tests: opening the chapter and reading widgets.
import assert from 'node:assert/strict';
import { openPage } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { LANES, laneArgs } from '../../../web/model/race.js';

export { formatNumber };

export const SECTION = 'section[data-chapter="optimizers"]';

/** A page on chapter 10, every widget of it rendered; `env` is useBrowser()'s. */
export async function openChapter({ browser, server }, { hash = '', url, ...options } = {}) {
  const opened = await openPage(browser, url ?? `${server.url}#ch=optimizers${hash}`, {
    viewport: { width: 1280, height: 1000 },
    ...options,
  });
  const { page } = opened;
  await page.locator('optimizer-race tbody tr[data-lane]').first().waitFor();
  await page.locator('memory-calculator tfoot').waitFor();
  await page.locator('decay-compare tbody tr').first().waitFor();
  await page.locator('optimizer-state button').first().waitFor();
  return opened;
}

export const race = (page) => page.locator(`${SECTION} optimizer-race`);

/** The loss column of the race's table, by lane. */
export async function raceLosses(page) {
  const rows = race(page).locator('tbody tr[data-lane]');
  const out = {};
  for (const row of await rows.all()) {
    out[await row.getAttribute('data-lane')] = await row.locator('td[data-loss]').textContent();
  }
  return out;
}

/** Opens a lane's hyper-parameter form and returns it. */
export async function laneForm(page, id) {
  const lane = race(page).locator(`.lane[data-lane="${id}"]`);
  const details = lane.locator('details');
  if ((await details.getAttribute('open')) === null) await lane.locator('summary').click();
  return lane;
}

/** The race's start point, exactly as the link carries it. */
export async function linkedStart(page) {
  await page.waitForFunction(() => location.hash.includes('optimizers.race.start='));
  const hash = await page.evaluate(() => location.hash);
  const text = new URLSearchParams(hash.slice(1)).get('optimizers.race.start');
  return text.split(',').map(Number);
}

export async function status(page) {
  return (await race(page).locator('p.status').textContent()).trim();
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, []);
}

/** Every racer's torch.optim kind, by lane id. */
export const LANE_OP = Object.fromEntries(LANES.map((l) => [l.id, l.op]));

/** The losses the table must show: `engine`'s trajectories at `step`, formatted. */
export function expectedLosses(
  engine,
  surface,
  settings,
  start,
  steps,
  step = steps,
  lanes = Object.keys(LANE_OP),
) {
  return Object.fromEntries(
    lanes.map((id) => {
      const r = engine.trajectory({
        surface,
        op: LANE_OP[id],
        args: laneArgs(id, settings[id]),
        start,
        steps,
      });
      return [id, formatNumber(r.loss[step])];
    }),
  );
}
