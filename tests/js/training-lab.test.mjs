// <training-lab>'s DOM-free parts (web/widgets/training-lab/model.js, pytorch.js): which settings
// each experiment lets a learner change, how they apply to its runs, the lane runner's commands
// against a training session that runs in node, and the PyTorch script's content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPERIMENTS, experiment } from '../../web/model/experiments.js';
import { TrainingSession, handleCommand } from '../../web/model/training-session.js';
import { loadNodeTrainEngine } from '../../scripts/lib/node-engine.mjs';
import { readDigits } from '../../web/data/digits-node.mjs';
import {
  sharedSettings,
  applySettings,
  laneConfigs,
  isDefault,
  LaneRunner,
  runsCodec,
} from '../../web/widgets/training-lab/model.js';
import { labScript } from '../../web/widgets/training-lab/pytorch.js';

test('each experiment offers the settings its runs share, never the one it varies', () => {
  assert.deepEqual(Object.keys(sharedSettings(experiment('norms'))), [
    'batchSize',
    'op',
    'lr',
    'weightDecay',
    'seed',
    'steps',
  ]);
  const sweep = sharedSettings(experiment('batch-size'));
  for (const varied of ['norm', 'batchSize', 'steps']) assert.ok(!(varied in sweep), varied);
  assert.ok(!('op' in sharedSettings(experiment('weight-decay'))));
  assert.equal(sharedSettings(experiment('bn-momentum')).norm, 'batch');
  for (const e of EXPERIMENTS) assert.equal(experiment(e.key), e);
});

test('settings apply to every run; a changed optimizer takes its own default lr', () => {
  const base = experiment('norms').runs[0].config;
  const c = applySettings(base, { steps: 12, batchSize: 8, seed: 4, op: 'sgd', lr: null });
  assert.equal(c.steps, 12);
  assert.equal(c.evalEvery, 1);
  assert.equal(c.batchSize, 8);
  assert.equal(c.seed, 4);
  assert.deepEqual(c.optimizer, { op: 'sgd' });
  assert.equal(applySettings(base, {}).steps, base.steps);
  assert.ok(isDefault({ steps: null }) && !isDefault({ steps: 5 }));
  assert.throws(() => laneConfigs(experiment('norms'), { batchSize: 0 }, null), /batch size/);
  assert.throws(() => runsCodec.parse('a,,b'), /run labels/);
  assert.deepEqual(runsCodec.parse('none,batch'), ['none', 'batch']);
});

test('the lane runner trains its lanes one after another: step, play, pause, stop', async () => {
  const engine = await loadNodeTrainEngine();
  const digits = readDigits();
  const lanes = laneConfigs(experiment('norms'), { steps: 4 }, ['none', 'batch']);
  let changes = 0;
  const runner = new LaneRunner({
    makeClient: (onMessage) => {
      const session = new TrainingSession({
        loadEngine: async () => engine,
        loadData: async () => digits,
        emit: onMessage,
      });
      const send = (m) => handleCommand(session, m);
      return {
        start: (config, { paused }) => send({ type: 'start', config, paused }),
        pause: () => send({ type: 'pause' }),
        resume: () => send({ type: 'resume' }),
        step: (count) => send({ type: 'step', count }),
        cancel: () => send({ type: 'cancel' }),
        terminate: () => session.dispose(),
      };
    },
    onChange: () => changes++,
  });
  runner.setLanes(lanes);
  const until = async (ok) => {
    for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 1));
    assert.ok(ok(), 'the runner got there');
  };
  runner.step();
  await until(() => runner.lanes[0].records.at(-1)?.step === 1);
  assert.equal(runner.phase, 'paused');
  runner.play();
  await until(() => runner.phase === 'done');
  assert.deepEqual(
    runner.lanes.map((l) => l.records.map((r) => r.step)),
    [
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ],
    'every step of each lane once',
  );
  runner.stop();
  assert.equal(runner.phase, 'idle');
  assert.deepEqual(
    runner.lanes.map((l) => l.records.length),
    [0, 0],
  );
  assert.ok(changes > 4);
  runner.dispose();
});

test('the PyTorch script names each run, its network, optimizer, batch size, seed and data', () => {
  const code = labScript('weight-decay', laneConfigs(experiment('weight-decay'), {}, null));
  for (const part of [
    'torch.optim.Adam(params, weight_decay=0.01, lr=0.001)',
    'torch.optim.AdamW(params, weight_decay=0.01, lr=0.001)',
    'nn.Linear(64, 64)',
    'batch_size=32',
    'steps=1000',
    'seed=0',
    'load_digits',
    'def mulberry32',
    'def init_like_normlab',
  ])
    assert.ok(code.includes(part), part);
  const padded = labScript('padding', laneConfigs(experiment('padding'), {}, null));
  assert.ok(padded.includes('load_data(min_length=32)'), 'the no-padding runs');
  assert.ok(!padded.includes('load_digits'));
});
