// The training lab's default experiments: for each claim, the runs it compares (training-run.js
// configs), the number that decides it, and one statement that our own runs support. No DOM.
//
// Every number below was measured with scripts/lab/measure.mjs (or the same configs) on the Wasm
// training module in node, 8x8 digits split 1,437 train / 360 held out (web/data/digits-8x8.bin),
// Adam at torch's default lr 0.001 unless stated. "Error" is held-out error in eval mode at the end
// of the run; "loss@k" the training loss averaged over steps k-19..k.
// tests/js/training-claims.test.mjs runs each default at the reduced size `test` and asserts the
// statement's direction on the numbers.

const digits = { data: 'digits' };

export const EXPERIMENTS = [
  {
    // (a) cnn8x8, batch 32, 300 steps, seeds 0 / 1 / 2:
    //            loss@50            loss@100           loss@300           steps to loss < 0.3   error
    //   none     1.79 / 1.86 / 1.84  0.55 / 0.53 / 0.55  0.22 / 0.17 / 0.18  180 / 143 / 151   5.8 / 4.2 / 4.7 %
    //   batch    0.70 / 0.73 / 0.71  0.25 / 0.26 / 0.27  0.056 / 0.048 / 0.053  89 / 91 / 93  1.1 / 1.1 / 1.4 %
    //   layer    0.86 / 0.85 / 0.90  0.31 / 0.27 / 0.31  0.072 / 0.047 / 0.064  101 / 92 / 104 1.9 / 1.1 / 1.4 %
    //   group(4) 0.86 / 0.87 / 0.90  0.29 / 0.28 / 0.31  0.064 / 0.049 / 0.059  99 / 96 / 104  1.7 / 1.1 / 1.4 %
    //   instance 0.72 / 0.75 / 0.73  0.25 / 0.27 / 0.26  0.055 / 0.050 / 0.053  91 / 92 / 91   1.1 / 1.4 / 2.2 %
    id: 'norms-speed',
    key: 'norms', // <training-lab experiment="norms">
    claim: 'a',
    statement: {
      en: 'With the same Adam settings, the CNN with any of the four norms gets its training loss below 0.3 in about 90–105 steps; without a norm it takes about 140–180, and it ends with two to five times the held-out error (4–6 % against 1–2 %).',
      zh: '同样的 Adam 设置下，带任一种归一化的 CNN 约 90–105 步就把训练损失降到 0.3 以下；不加归一化要约 140–180 步，最终验证误差是前者的二到五倍（4–6% 对 1–2%）。',
    },
    runs: ['none', 'batch', 'layer', 'group', 'instance'].map((norm) => ({
      label: norm,
      config: {
        ...digits,
        network: 'cnn8x8',
        norm,
        groups: 4,
        batchSize: 32,
        steps: 300,
        evalEvery: 25,
        seed: 0,
      },
    })),
    measure: 'loss@100 and steps to a training loss of 0.3',
    test: { steps: 100, norms: ['none', 'batch', 'layer', 'group'] },
  },
  {
    // (b) The GN paper's Figure 1 shape, where it appears: a 64-64 MLP with BatchNorm1d, 10 epochs
    // at every batch size (steps = 10 * 1437 / batch), error seed 0 / 1:
    //   batch        2              4             8             16            32
    //   BN      13.3 / 14.7 %   3.6 / 2.8 %   1.7 / 2.2 %   2.2 / 1.4 %   1.7 / 2.5 %
    //   GN(8)    3.3 / 1.9 %    1.7 / 2.5 %   2.5 / 2.8 %   2.2 / 1.9 %   2.2 / 2.5 %
    //   LN       2.2 / 2.2 %    2.2 / 2.8 %   4.2 / 2.2 %   2.8 / 1.9 %   2.8 / 2.5 %
    //   none     3.6 / 3.6 %    3.6 / 2.8 %   3.6 / 3.3 %   3.6 / 3.3 %   5.3 / 3.3 %
    // BN's train-mode error on its own batches at batch 2: 48 / 44 % (each feature of a batch of
    // two normalizes to exactly -1 and +1). The cnn8x8 shows no such effect: there BatchNorm2d
    // averages over the 8 x 8 positions as well, so even batch 1 has 64 values per channel.
    // cnn8x8, seed 0, 10 epochs at every batch size:
    //   batch       1       2       4       8      16      32
    //   BN        1.1 %   1.4 %   1.4 %   0.8 %   0.8 %   0.8 %
    //   GN(4)     1.7 %   1.4 %   1.4 %   1.1 %   1.4 %   1.1 %
    //   none      1.1 %   1.4 %   3.1 %   3.1 %   4.2 %   5.6 %
    // (the PyTorch runs tell the same story for this CNN). At batch 2, BN's momentum
    // (0.01 to 0.9, claim c) does not change that either.
    id: 'batch-size-sweep',
    key: 'batch-size', // <training-lab experiment="batch-size">
    claim: 'b',
    statement: {
      en: 'In an MLP, where BatchNorm averages each feature over the batch alone, its held-out error climbs from about 2 % at batch 8–32 to about 14 % at batch 2, while GroupNorm stays between 1.7 and 3.3 %; in the CNN, whose BatchNorm also averages over the 8×8 positions, no such effect appears even at batch 1.',
      zh: '在 MLP 中，BatchNorm 只在批次上对每个特征求平均，批大小 8–32 时验证误差约 2%，批大小 2 时升到约 14%，而 GroupNorm 保持在 1.7% 到 3.3% 之间；在 CNN 中 BatchNorm 还对 8×8 个位置求平均，即使批大小为 1 也看不到这种效应。',
    },
    runs: [2, 4, 8, 16, 32].flatMap((batchSize) =>
      ['batch', 'group'].map((norm) => ({
        label: `${norm}@${batchSize}`,
        config: {
          ...digits,
          network: 'mlp',
          hidden: 64,
          norm,
          groups: 8,
          batchSize,
          steps: Math.round((10 * 1437) / batchSize),
          evalEvery: Math.round((1437 / batchSize) * 2),
          seed: 0,
        },
      })),
    ),
    measure: 'held-out error at the end, per batch size',
    test: { epochs: 3, batchSizes: [2, 32] },
  },
  {
    // (c) BatchNorm1d MLP at batch 2, 3000 steps, seed 0, against BN's momentum:
    //   momentum                        0.01     0.1      0.5      0.9
    //   train-mode error (own batches)  47.8 %   47.8 %   47.8 %   47.8 %   (the same run: momentum
    //                                                                         only moves the running stats)
    //   eval-mode error, training set   16.0 %   18.2 %   34.2 %   47.5 %
    //   eval-mode error, held out       15.6 %   17.2 %   34.2 %   44.2 %
    // cnn8x8 at batch 2 (BatchNorm2d): 1.1 / 1.1 / 1.4 / 1.1 % held out, no momentum effect.
    id: 'bn-tiny-batch',
    key: 'bn-momentum', // <training-lab experiment="bn-momentum">
    claim: 'c',
    statement: {
      en: 'At batch 2 the training itself is identical for every BatchNorm momentum, yet the eval-mode error ranges from about 16 % (momentum 0.01) to about 44 % (momentum 0.9): running statistics that follow the last few batches of two are a poor estimate of the data’s.',
      zh: '批大小为 2 时，不同 BatchNorm momentum 下的训练过程完全相同，但评估模式的误差从约 16%（momentum 0.01）到约 44%（momentum 0.9）：只跟随最近几个两样本批次的运行统计量，是对数据统计量的糟糕估计。',
    },
    runs: [0.01, 0.1, 0.5, 0.9].map((bnMomentum) => ({
      label: `momentum ${bnMomentum}`,
      config: {
        ...digits,
        network: 'mlp',
        hidden: 64,
        norm: 'batch',
        bnMomentum,
        batchSize: 2,
        steps: 3000,
        evalEvery: 250,
        evalTrainSet: true,
        seed: 0,
      },
    })),
    measure: 'train-mode error on the batches vs eval-mode error, per momentum',
    test: { steps: 1500, momenta: [0.01, 0.9] },
  },
  {
    // (d) The padded sequence task (web/data/sequences.js: lengths 1..32 padded to 32, 4 classes
    // by a value's size), token MLP 16-64-64-4, batch 4 sequences (128 rows), 1000 steps:
    //                        loss@1000         error seed 0 / 1     train-mode error
    //   none               0.087 / 0.094       3.9 / 3.9 %          3.4 / 3.7 %
    //   batch              0.250 / 0.220       6.9 / 6.9 %          9.7 / 9.5 %
    //   layer              0.088 / 0.096       4.4 / 3.7 %          3.8 / 3.7 %
    // Seed 2 with padding: BN 6.6 %, LN 3.7 %. Without padding (every sequence 32 long), seeds
    // 0 / 1 / 2: BN 2.7 / 3.3 / 4.2 %, LN 3.2 / 3.2 / 3.7 %, none 3.1 % (seed 0) held out:
    // BN's eval-mode gap is the padding's (its train-mode error stays 9.3 %: 128 rows per batch
    // are a noisy estimate for a task that reads a value's size). Batch 16 sequences with padding:
    // BN 3.7 %, LN 3.4 %, none 2.8 %.
    id: 'padded-sequences',
    key: 'padding', // <training-lab experiment="padding">
    claim: 'd',
    statement: {
      en: 'On padded sequences BatchNorm’s statistics mix real tokens with padding in proportions that change every batch, and its held-out error is about 7 % against LayerNorm’s 4 %; with the padding removed BatchNorm does as well as LayerNorm (2.7 % vs 3.2 %).',
      zh: '在补齐（padding）的序列上，BatchNorm 的统计量把真实词元与填充按每批都不同的比例混在一起，验证误差约 7%，LayerNorm 约 4%；去掉填充后 BatchNorm 与 LayerNorm 一样好（2.7% 对 3.2%）。',
    },
    runs: ['batch', 'layer', 'none'].flatMap((norm) =>
      [
        { padding: true, sequences: {} },
        { padding: false, sequences: { minLength: 32 } },
      ].map(({ padding, sequences }) => ({
        label: `${norm}${padding ? '' : ' (no padding)'}`,
        config: {
          data: 'sequences',
          sequences,
          network: 'token-mlp',
          hidden: 64,
          norm,
          batchSize: 4,
          steps: 1000,
          evalEvery: 100,
          evalTrainSet: true,
          seed: 0,
        },
      })),
    ),
    measure: 'held-out error (real tokens only), with and without padding',
    test: { steps: 1000 },
  },
  {
    // (e) Adam + L2 (torch.optim.Adam's weight_decay) vs AdamW at the same weight_decay, no norm,
    // batch 32, seed 0; weight norm = sqrt of the sum of squares of every conv and linear weight:
    //   MLP, 1000 steps     weight_decay 0.01             0.03              0.1
    //     Adam + L2         8.60, 5.3 %                   6.63, 11.7 %      0 (every weight), 90 %
    //     AdamW             13.66, 3.6 %                  13.53, 3.6 %      13.09, 3.6 %
    //     Adam (no decay)   13.73, 3.6 %
    //   cnn8x8, 600 steps   0.01: Adam + L2 6.13, 5.8 %; AdamW 9.34, 4.4 %
    //                       0.1:  Adam + L2 3.63, 9.4 %; AdamW 9.12, 4.4 %
    //   cnn8x8 + BN, 600 steps, 0.01: Adam + L2 4.47, 1.7 %; AdamW 6.30, 1.4 %
    id: 'adam-l2-vs-adamw',
    key: 'weight-decay', // <training-lab experiment="weight-decay">
    claim: 'e',
    statement: {
      en: 'The same weight_decay is not the same regularization: Adam + L2 divides the decay by each weight’s gradient scale, so at 0.01 it shrinks the MLP’s weights to 8.6 (held-out error 5.3 %), while AdamW, which decays every weight by lr × 0.01 per step, keeps them at 13.7 like plain Adam (3.6 %).',
      zh: '同样的 weight_decay 并不是同样的正则化：Adam + L2 的衰减会被每个权重的梯度尺度相除，在 0.01 时把 MLP 的权重范数压到 8.6（验证误差 5.3%）；AdamW 每步把每个权重衰减 lr × 0.01，权重范数保持在 13.7，和不加衰减的 Adam 一样（3.6%）。',
    },
    runs: ['adam', 'adamw'].map((op) => ({
      label: op === 'adam' ? 'Adam + L2' : 'AdamW',
      config: {
        ...digits,
        network: 'mlp',
        hidden: 64,
        norm: 'none',
        batchSize: 32,
        steps: 1000,
        evalEvery: 100,
        seed: 0,
        optimizer: { op, weight_decay: 0.01 },
      },
    })),
    measure: 'weight norm and held-out error at the end',
    test: { steps: 1000 },
  },
];

/** The experiment of an id or a key (`experiment("norms")`, `experiment("norms-speed")`). */
export const experiment = (id) => EXPERIMENTS.find((e) => e.id === id || e.key === id);
