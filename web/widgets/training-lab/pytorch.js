// <training-lab>'s "Show as PyTorch": one runnable script that trains every run shown with the
// same data split, network, init, batch order, optimizer and evals as the lab. The init and the
// batch order are the lab's own generators ported to Python (SplitMix64 for the weights, as
// cpp/src/train/sequential.cpp draws them; mulberry32 for the shuffles, as training-run.js), so
// a run starts from the same weights and sees the same batches; float sums in another order make
// the numbers agree to rounding, not bit for bit.
import { networkLayers } from '../../model/training-run.js';
import { dataShape } from '../../model/training-data.js';
import { pyValue, pyNumber } from '../../model/pytorch.js';

const MODULE = {
  conv2d: (l) =>
    `nn.Conv2d(${l.in_channels}, ${l.out_channels}, ${l.kernel_size}, padding=${l.padding})`,
  batch_norm: (l) =>
    `nn.BatchNorm${l.dims}d(${l.num_features}${l.momentum === 0.1 ? '' : `, momentum=${l.momentum === null ? 'None' : pyNumber(l.momentum)}`})`,
  layer_norm: (l) => `nn.LayerNorm(${pyValue(l.normalized_shape)})`,
  instance_norm: (l) => `nn.InstanceNorm2d(${l.num_features}, affine=True)`,
  group_norm: (l) => `nn.GroupNorm(${l.num_groups}, ${l.num_channels})`,
  relu: () => 'nn.ReLU()',
  avg_pool2d: (l) => `nn.AvgPool2d(${l.kernel_size})`,
  flatten: () => 'nn.Flatten()',
  linear: (l) => `nn.Linear(${l.in_features}, ${l.out_features})`,
};
const OPTIMIZER = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW' };

const PRELUDE = `import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
M32, M64 = 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF


def mulberry32(seed):  # the lab's batch-order generator (web/model/training-run.js)
    a = seed & M32

    def random():
        nonlocal a
        a = (a + 0x6D2B79F5) & M32
        t = ((a ^ (a >> 15)) * (a | 1)) & M32
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & M32
        return (t ^ (t >> 14)) / 4294967296

    return random


def shuffle(order, random):  # Fisher-Yates, as the lab's
    for i in range(len(order) - 1, 0, -1):
        j = int(random() * (i + 1))
        order[i], order[j] = order[j], order[i]


@torch.no_grad()
def init_like_normlab(model, seed):  # SplitMix64 uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), float32
    state = seed & M64

    def uniform():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return np.float32((z ^ (z >> 31)) >> 40) * np.float32(1 / 16777216)

    for m in model:
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            bound = np.float32(1) / np.sqrt(np.float32(m.weight[0].numel()))
            for p in (m.weight, m.bias):
                v = [(np.float32(2) * uniform() - np.float32(1)) * bound for _ in range(p.numel())]
                p.copy_(torch.tensor(np.array(v, dtype=np.float32)).view_as(p))
`;

const DIGITS = `

def load_data():  # the lab's split of sklearn's 8x8 digits (scripts/data/digits.py)
    from sklearn.datasets import load_digits
    d = load_digits()
    images, labels = d.images.astype(np.float32), d.target
    rng = np.random.RandomState(0)
    held = np.zeros(len(labels), dtype=bool)
    for c in range(10):
        idx = np.flatnonzero(labels == c)
        held[idx[rng.permutation(len(idx))[:36]]] = True

    def part(mask):
        x = torch.tensor(images[mask]).div(16).view(-1, 1, 1, 8, 8)  # (samples, rows, 1, 8, 8)
        return x, torch.tensor(labels[mask], dtype=torch.long).view(-1, 1)

    return part(~held), part(held)
`;

const SEQUENCES = `

def load_data(seed=0, embedding=8, classes=4, min_length=1, max_length=32, train_count=1000, held_out_count=300):
    """The lab's padded sequence task (web/data/sequences.js), from the same generator."""
    random = mulberry32(seed ^ 0x5E9)

    def gaussian():
        u = max(random(), 1e-12)
        return np.sqrt(-2 * np.log(u)) * np.cos(2 * np.pi * random())

    d = embedding
    cuts = {2: [0], 3: [-0.4307, 0.4307], 4: [-0.6745, 0, 0.6745], 5: [-0.8416, -0.2533, 0.2533, 0.8416]}[classes]
    direction = np.array([gaussian() for _ in range(2 * d)])
    scale = np.sqrt((direction**2).sum())

    def make(count):
        x = np.zeros((count, max_length, 2 * d), dtype=np.float32)
        t = np.full((count, max_length), -100)  # padding rows: ignore_index
        for s in range(count):
            length = min_length + int(random() * (max_length - min_length + 1))
            previous = np.zeros(d, dtype=np.float32)
            for i in range(length):
                token = np.array([gaussian() for _ in range(d)], dtype=np.float32)
                x[s, i, :d], x[s, i, d:] = token, previous
                value = float((direction * x[s, i].astype(np.float64)).sum())
                t[s, i] = sum(value / scale > c for c in cuts)
                previous = token
        return torch.tensor(x), torch.tensor(t, dtype=torch.long)

    return make(train_count), make(held_out_count)
`;

const PY_NAMES = {
  seed: 'seed',
  embedding: 'embedding',
  classes: 'classes',
  minLength: 'min_length',
  maxLength: 'max_length',
  trainCount: 'train_count',
  heldOutCount: 'held_out_count',
};
const dataCall = (c) =>
  c.data === 'sequences'
    ? `load_data(${Object.entries(c.sequences ?? {})
        .map(([k, v]) => `${PY_NAMES[k]}=${v}`)
        .join(', ')})`
    : 'load_data()';

const TRAIN = `

def evaluate(model, x, t):  # eval mode, padding rows not counted
    model.eval()
    with torch.no_grad():
        out = model(x.flatten(0, 1))
    target = t.flatten()
    keep = target != -100
    return (out.argmax(1)[keep] == target[keep]).float().mean().item()


def train(name, model, seed, make_optimizer, batch_size, steps, eval_every, data):
    (x, t), (x_held, t_held) = data
    init_like_normlab(model, seed)
    optimizer = make_optimizer(model.parameters())
    random, order, cursor = mulberry32(seed ^ 0x5EED), list(range(len(x))), len(x)
    for step in range(1, steps + 1):
        if cursor + batch_size > len(x):  # a fresh shuffle each epoch, drop_last
            shuffle(order, random)
            cursor = 0
        idx = order[cursor : cursor + batch_size]
        cursor += batch_size
        model.train()
        loss = F.cross_entropy(model(x[idx].flatten(0, 1)), t[idx].flatten(), ignore_index=-100)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % eval_every == 0 or step == steps:
            weights = [m.weight for m in model if isinstance(m, (nn.Linear, nn.Conv2d))]
            norm = torch.sqrt(sum((w**2).sum() for w in weights)).item()
            error = 1 - evaluate(model, x_held, t_held)
            print(f"{name}  step {step}  loss {loss.item():.4f}  held-out error {error:.2%}  weight norm {norm:.3f}")
`;

function optimizerLambda(o) {
  const args = Object.entries(o)
    .filter(([k]) => k !== 'op')
    .map(([k, v]) => `, ${k}=${pyNumber(v)}`)
    .join('');
  return `lambda params: torch.optim.${OPTIMIZER[o.op]}(params${args})`;
}

/** The script for `lanes` ([{label, config}], configs checked), titled by `title`. */
export function labScript(title, lanes) {
  const sequences = lanes.some((l) => l.config.data === 'sequences');
  const runs = lanes.map(({ label, config: c }) => {
    const { rowShape, classes } = dataShape(c);
    const layers = networkLayers(c, rowShape, classes).map((l) => `        ${MODULE[l.type](l)},`);
    return `train(
    ${pyValue(label)},
    nn.Sequential(
${layers.join('\n')}
    ),
    seed=${c.seed},
    make_optimizer=${optimizerLambda(c.optimizer)},
    batch_size=${c.batchSize},
    steps=${c.steps},
    eval_every=${c.evalEvery},
    data=${dataCall(c)},
)`;
  });
  return `# NormLab training lab: ${title}
# ${lanes.length} run(s), as the lab trains them. Needs torch, numpy${sequences ? '' : ' and scikit-learn'}.
${PRELUDE}${sequences ? SEQUENCES : DIGITS}${TRAIN}

${runs.join('\n')}
`;
}
