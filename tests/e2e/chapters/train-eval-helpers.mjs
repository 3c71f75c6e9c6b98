// Chapter 6's page objects and expectations, shared by its two e2e files: the section, the
// BatchNorm stepper and the train/eval grid, and the numbers a step must show, from the engine.
import assert from 'node:assert/strict';
import { openPage, section } from '../harness.mjs';
import { groupMoments, formatNumber } from './dynamics-helpers.mjs';

/** The chapter's locators and checks for the test file whose browser and engine are `env`. */
export function trainEvalKit(env) {
  const chapter = (page) => section(page, 'train-eval');
  const stepper = (page) => chapter(page).locator('bn-stepper');
  const grid = (page) => chapter(page).locator('train-eval-grid');
  const nbt = async (page) => Number(await stepper(page).locator('strong.nbt').textContent());
  const cell = (page, c, cls) => stepper(page).locator(`tr[data-channel="${c}"] td.${cls}`);

  async function open(options = {}, hash = '') {
    const r = await openPage(env.browser, `${env.server.url}${hash}`, {
      viewport: { width: 1200, height: 1000 },
      ...options,
    });
    await stepper(r.page).locator('strong.nbt').waitFor();
    await stepper(r.page).scrollIntoViewIfNeeded();
    return r;
  }

  const BATCH = [1, 2, 3, 3, 4, 9, 5, 0, 0, 7, 2, 4]; // (4, 3)

  /** The numbers the stepper should show after a training step on `x`, from the engine in node. */
  function stepFacts(bn, x, n) {
    bn.forward(x, [n, 3], { training: true });
    const plan = bn.plan([n, 3]);
    const m = groupMoments(env.engine, x, plan.group, { groups: plan.statCount });
    return { moments: m, buffers: bn.buffers() };
  }

  async function assertTable(page, facts) {
    for (let c = 0; c < 3; c++) {
      assert.equal(
        await cell(page, c, 'batch-mean').textContent(),
        formatNumber(facts.moments.mean[c]),
      );
      assert.equal(
        await cell(page, c, 'biased').textContent(),
        formatNumber(facts.moments.variance[c]),
      );
      assert.equal(
        await cell(page, c, 'unbiased').textContent(),
        formatNumber(facts.moments.unbiased[c]),
      );
      assert.equal(
        await cell(page, c, 'running-mean').textContent(),
        formatNumber(facts.buffers.running_mean[c]),
      );
      assert.equal(
        await cell(page, c, 'running-var').textContent(),
        formatNumber(facts.buffers.running_var[c]),
      );
    }
  }

  return { chapter, stepper, grid, nbt, cell, open, BATCH, stepFacts, assertTable };
}
