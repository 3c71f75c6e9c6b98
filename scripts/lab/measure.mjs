// Measures the training lab's claims on the Wasm training module in node: one sweep per claim
// (a..e, see web/model/experiments.js), each a list of runs, printed as one JSON line per run.
//   node scripts/lab/measure.mjs a [b ...] [speed]   (NORMLAB_WASM_DIR picks the build, as elsewhere)
// The numbers in experiments.js's comments come from here.
import { loadNodeTrainEngine } from '../lib/node-engine.mjs';
import { readDigits } from '../../web/data/digits-node.mjs';
import { makeSequenceTask } from '../../web/data/sequences.js';
import { trainingRun } from '../../web/model/training-run.js';
import { summarize } from '../../web/model/run-summary.js';

const sweeps = {
  // (a) none vs BN vs LN vs GN (and IN) on cnn8x8, Adam 1e-3, batch 32
  a: () =>
    [0, 1, 2].flatMap((seed) =>
      ['none', 'batch', 'layer', 'group', 'instance'].map((norm) => ({
        data: 'digits',
        config: {
          network: 'cnn8x8',
          norm,
          groups: 4,
          batchSize: 32,
          seed,
          steps: 300,
          evalEvery: 300,
        },
        summary: { marks: [25, 50, 100, 200, 300], target: 0.3 },
      })),
    ),
  // (b) batch-size sweep, BN vs GN, the same number of epochs (about 10)
  b: () =>
    [1, 2, 4, 8, 16, 32].flatMap((batchSize) =>
      ['batch', 'group', 'none'].map((norm) => ({
        data: 'digits',
        config: {
          network: 'cnn8x8',
          norm,
          groups: 4,
          batchSize,
          seed: 0,
          steps: Math.round((10 * 1437) / batchSize),
          evalEvery: 100000,
        },
      })),
    ),
  // (c) BN at a tiny batch: train-mode vs eval-mode error against BN's momentum (MLP and CNN)
  c: () =>
    ['mlp', 'cnn8x8'].flatMap((network) =>
      [0.01, 0.1, 0.5, 0.9].map((bnMomentum) => ({
        data: 'digits',
        config: {
          network,
          norm: 'batch',
          bnMomentum,
          batchSize: 2,
          seed: 0,
          steps: 3000,
          evalEvery: 100000,
          evalTrainSet: true,
        },
      })),
    ),
  // (d) padded sequences, BN vs LN (and none) on the token MLP
  d: () =>
    [0, 1].flatMap((seed) =>
      [4, 16].flatMap((batchSize) =>
        ['none', 'batch', 'layer'].map((norm) => ({
          data: 'sequences',
          config: {
            network: 'token-mlp',
            norm,
            hidden: 64,
            batchSize,
            seed,
            steps: 1500,
            evalEvery: 100000,
            evalTrainSet: true,
          },
          summary: { marks: [100, 500, 1000, 1500], target: 0.1 },
        })),
      ),
    ),
  // (e) Adam + L2 vs AdamW at the same weight decay
  e: () =>
    [0.01, 0.1].flatMap((wd) =>
      ['none', 'batch'].flatMap((norm) =>
        ['adam', 'adamw'].map((op) => ({
          data: 'digits',
          config: {
            network: 'cnn8x8',
            norm,
            batchSize: 32,
            seed: 0,
            steps: 600,
            evalEvery: 100000,
            optimizer: { op, weight_decay: wd },
          },
        })),
      ),
    ),
};

// Training steps per second of the default network (cnn8x8, batch 32, Adam): the median of 5
// timings of 40 steps each, after 10 warm-up steps; evals and data gathering excluded only as far
// as the step-0 eval (gathering a batch is part of a step, as in a DataLoader loop).
function speed(engine, digits) {
  for (const norm of ['none', 'batch', 'group']) {
    const run = trainingRun(engine, digits, {
      network: 'cnn8x8',
      norm,
      groups: 4,
      batchSize: 32,
      steps: 210,
      evalEvery: 1e6,
    });
    for (let i = 0; i < 11; i++) run.next();
    const rates = [];
    const cpuRates = []; // per second of this process's CPU time: what an idle machine would see
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let i = 0; i < 40; i++) run.next();
      const c = process.cpuUsage(c0);
      rates.push(40 / ((performance.now() - t0) / 1000));
      cpuRates.push(40 / ((c.user + c.system) / 1e6));
    }
    cpuRates.sort((a, b) => a - b);
    run.return();
    rates.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        sweep: 'speed',
        network: 'cnn8x8',
        norm,
        batchSize: 32,
        stepsPerSecond: +rates[2].toFixed(1),
        stepsPerCpuSecond: +cpuRates[2].toFixed(1),
        all: rates.map((r) => +r.toFixed(1)),
      }),
    );
  }
}

const engine = await loadNodeTrainEngine();
const digits = readDigits();
const sequences = makeSequenceTask();
for (const name of process.argv.slice(2)) {
  if (name === 'speed') {
    speed(engine, digits);
    continue;
  }
  for (const run of sweeps[name]()) {
    const data = run.data === 'sequences' ? sequences : digits;
    const t0 = performance.now();
    const records = [...trainingRun(engine, data, run.config)];
    const seconds = (performance.now() - t0) / 1000;
    const { optimizer, network, norm, batchSize, seed, steps, bnMomentum } = run.config;
    console.log(
      JSON.stringify({
        sweep: name,
        network,
        norm,
        batchSize,
        seed,
        steps,
        bnMomentum,
        optimizer,
        ...summarize(records, run.summary),
        seconds: +seconds.toFixed(1),
        heap: engine.heapInUse(),
      }),
    );
  }
}
