// Chapter 10: optimizers. The update rules of torch.optim (SGD with momentum and Nesterov,
// Adagrad, RMSprop, Adam, AdamW) raced on 2-D loss surfaces; what Adam keeps (two moments of the
// gradient); the memory training takes; AdamW's decoupled weight decay; a self-check whose answer
// comes from the engine's memory accounting.
import { html } from 'lit';
import '../widgets/optimizer-race/index.js';
import '../widgets/optimizer-state/index.js';
import '../widgets/memory-calculator/index.js';
import '../widgets/decay-compare/index.js';
import '../widgets/self-check/index.js';
import { MEMORY_OPTIMIZERS } from '../model/optimizers.js';

const SELF_CHECK_OPTIMIZERS = ['sgd', 'sgd-momentum', 'adam', 'adamw'];

/**
 * "How many MB for N parameters with this optimizer in fp32?", the answer and its breakdown from
 * engine.optimizerMemory.
 */
export function memoryQuestion(engine, random) {
  const key = random.pick(SELF_CHECK_OPTIMIZERS);
  const { op, args, label } = MEMORY_OPTIMIZERS[key];
  const params = random.int(2, 400) * 250_000;
  const r = engine.optimizerMemory({ params, precision: 'fp32', op, args });
  const mb = (bytes) => +(bytes / 1e6).toPrecision(10);
  const parts = [['θ', r.parameters], ['grad', r.gradients], ...Object.entries(r.state ?? {})];
  const sum = parts.map(([name, bytes]) => `${name} ${mb(bytes)}`).join(' + ');
  const count = params.toLocaleString('en-US');
  return {
    question: {
      zh: `一个模型有 ${count} 个参数，用 ${label} 以 fp32 训练。参数、梯度和优化器状态一共占多少 MB？（1 MB = 10⁶ 字节，不算激活值）`,
      en: `A model with ${count} parameters trains with ${label} in fp32. How many MB do its parameters, gradients and optimizer state take? (1 MB = 10⁶ bytes; activations not counted)`,
    },
    answer: mb(r.total),
    unit: 'number',
    tolerance: Math.max(0.01, mb(r.total) * 1e-3),
    explain: {
      zh: `每个 fp32 数占 4 字节。${sum} = ${mb(r.total)} MB，也就是参数大小的 ${r.total / r.parameters} 倍。`,
      en: `Each fp32 number takes 4 bytes. ${sum} = ${mb(r.total)} MB, which is ${r.total / r.parameters}× the size of the parameters.`,
    },
  };
}

// The prose, section by section. The widgets sit between the sections in ONE template, so that
// switching the language re-renders the text and keeps every widget (and its state) in place.
const PROSE = {
  race: {
    // one line per Chinese paragraph: a line break between two Chinese characters shows as a space
    // prettier-ignore
    zh: () => html`
      <p>优化器做的事情只有一件：拿到梯度 g，决定参数 θ 这一步往哪里走、走多远。不同的优化器区别在于它们 <strong>记住了什么</strong>：SGD 什么都不记，动量法记住过去梯度的累积，Adagrad 和 RMSprop 记住梯度平方的大小，Adam 两样都记。下面的公式与 PyTorch 1.13 中 <code>torch.optim</code> 的实现一致（γ 是学习率 lr，λ 是 weight_decay，t 从 1 开始计数）。</p>
      <dl class="update-rules">
        <dt>SGD（momentum μ，dampening τ，nesterov）</dt>
        <dd>
          g ← ∇f(θ) + λ·θ<br />
          b ← μ·b + (1 − τ)·g（第一步直接 b = g）<br />
          Nesterov：g ← g + μ·b；否则 g ← b（μ = 0 时没有 b）<br />
          θ ← θ − γ·g
        </dd>
        <dt>Adagrad（lr_decay η，initial_accumulator_value，ε）</dt>
        <dd>
          s ← s + g²（按元素）<br />
          θ ← θ − γ / (1 + (t − 1)·η) · g / (√s + ε)<br />
          s 只增不减，所以每个参数的有效步长只会越来越小。
        </dd>
        <dt>RMSprop（alpha α，centered，momentum μ）</dt>
        <dd>
          v ← α·v + (1 − α)·g²<br />
          centered：ḡ ← α·ḡ + (1 − α)·g，分母用 √(v − ḡ²)<br />
          θ ← θ − γ·g / (√v + ε)；μ &gt; 0 时 b ← μ·b + g / (√v + ε)，θ ← θ − γ·b
        </dd>
        <dt>Adam（betas (β₁, β₂)，ε，weight_decay 作为 L2）</dt>
        <dd>
          g ← ∇f(θ) + λ·θ<br />
          m ← β₁·m + (1 − β₁)·g　　v ← β₂·v + (1 − β₂)·g²<br />
          m̂ = m / (1 − β₁ᵗ)　　v̂ = v / (1 − β₂ᵗ)（偏差修正：m、v 从 0 开始，前几步偏小）<br />
          θ ← θ − γ·m̂ / (√v̂ + ε)（amsgrad 时 v̂ 用历史最大的 v）
        </dd>
        <dt>AdamW（解耦的权重衰减，默认 λ = 0.01）</dt>
        <dd>
          θ ← θ − γ·λ·θ（直接作用在参数上）<br />
          然后按 Adam 更新，但 g = ∇f(θ) 里不再加 λ·θ
        </dd>
      </dl>

      <h3>在损失曲面上赛跑</h3>
      <p>三个二维曲面各自考验一件事。<strong>病态碗</strong>（一个方向陡、一个方向平）：SGD 学习率一大就在陡的方向来回震荡，一小就在平的方向几乎不动；动量把来回的分量抵消掉、把一致的分量累积起来； Adam、RMSprop 按坐标分别缩放步长，两个方向走得差不多快。<strong>Rosenbrock</strong> 的最小值在一条弯曲狭长的山谷底部：进山谷容易，沿着山谷走到 (1, 1) 难。<strong>鞍点</strong>： 起点靠近鞍点时梯度很小，SGD 要很久才离开，自适应方法把小梯度放大，很快逃离。</p>
      <p>点击曲面（或聚焦曲面后用方向键）设置起点，修改任意超参数，所有轨迹由 C++ 内核按 <code>torch.optim</code> 的规则重新计算。非法的超参数会在输入框旁显示 PyTorch 的原始报错。</p>
    `,
    en: () => html`
      <p>
        An optimizer does one thing: given the gradient g, it decides where the parameters θ move
        and how far. Optimizers differ in what they <strong>remember</strong>: SGD remembers
        nothing, momentum remembers a running sum of past gradients, Adagrad and RMSprop remember
        how large the squared gradients have been, and Adam remembers both. The rules below are the
        ones <code>torch.optim</code> in PyTorch 1.13 implements (γ is the learning rate lr, λ is
        weight_decay, t counts steps from 1).
      </p>
      <dl class="update-rules">
        <dt>SGD (momentum μ, dampening τ, nesterov)</dt>
        <dd>
          g ← ∇f(θ) + λ·θ<br />
          b ← μ·b + (1 − τ)·g (on the first step simply b = g)<br />
          Nesterov: g ← g + μ·b; otherwise g ← b (no b at all when μ = 0)<br />
          θ ← θ − γ·g
        </dd>
        <dt>Adagrad (lr_decay η, initial_accumulator_value, ε)</dt>
        <dd>
          s ← s + g² (element-wise)<br />
          θ ← θ − γ / (1 + (t − 1)·η) · g / (√s + ε)<br />
          s only grows, so every parameter's effective step only shrinks.
        </dd>
        <dt>RMSprop (alpha α, centered, momentum μ)</dt>
        <dd>
          v ← α·v + (1 − α)·g²<br />
          centered: ḡ ← α·ḡ + (1 − α)·g, and the denominator becomes √(v − ḡ²)<br />
          θ ← θ − γ·g / (√v + ε); with μ &gt; 0, b ← μ·b + g / (√v + ε) and θ ← θ − γ·b
        </dd>
        <dt>Adam (betas (β₁, β₂), ε, weight_decay as L2)</dt>
        <dd>
          g ← ∇f(θ) + λ·θ<br />
          m ← β₁·m + (1 − β₁)·g　　v ← β₂·v + (1 − β₂)·g²<br />
          m̂ = m / (1 − β₁ᵗ)　　v̂ = v / (1 − β₂ᵗ) (bias correction: m and v start at 0, so the first
          averages are too small)<br />
          θ ← θ − γ·m̂ / (√v̂ + ε) (with amsgrad, v̂ uses the largest v so far)
        </dd>
        <dt>AdamW (decoupled weight decay, λ = 0.01 by default)</dt>
        <dd>
          θ ← θ − γ·λ·θ (applied to the parameters directly)<br />
          then Adam's update, with g = ∇f(θ) and no λ·θ in it
        </dd>
      </dl>

      <h3>A race on loss surfaces</h3>
      <p>
        Each of the three surfaces tests one thing. The <strong>ill-conditioned bowl</strong> is
        steep in one direction and flat in the other: with a large learning rate SGD bounces across
        the steep direction, with a small one it barely moves along the flat one; momentum cancels
        the bouncing and accumulates the consistent part; Adam and RMSprop scale each coordinate's
        step separately, so both directions progress alike. <strong>Rosenbrock</strong>'s minimum
        lies at the bottom of a long, curved valley: getting into the valley is easy, following it
        to (1, 1) is hard. Near a <strong>saddle</strong> the gradient is tiny, so SGD takes a long
        time to leave it, while the adaptive methods blow the small gradient up and escape quickly.
      </p>
      <p>
        Click the surface (or focus it and use the arrow keys) to set the start, change any
        hyper-parameter, and the C++ kernels recompute every trajectory with
        <code>torch.optim</code>'s rules. A value PyTorch refuses shows PyTorch's own message next
        to the field.
      </p>
    `,
  },
  state: {
    // one line per Chinese paragraph: a line break between two Chinese characters shows as a space
    // prettier-ignore
    zh: () => html`
      <h3>Adam 记住的是梯度的两个矩，不是激活值</h3>
      <p>一个常见的误解是 Adam “保存了激活值的统计量”。实际上 Adam 为<strong>每一个参数</strong>保存两个数： m（<code>exp_avg</code>，梯度的指数滑动平均，一阶矩）和 v（<code>exp_avg_sq</code>，梯度平方的指数滑动平均，二阶矩）。它们的形状和参数完全相同，与批大小、序列长度、激活值都无关。激活值是前向传播为反向传播保存的中间结果，那是另一笔内存开销，随批大小增长，而且反向传播之后就释放了。下面改动参数和梯度，走几步，看引擎返回的 <code>optimizer.state</code>。</p>
    `,
    en: () => html`
      <h3>Adam keeps two moments of the gradient, not of the activations</h3>
      <p>
        A common mix-up is that Adam "keeps statistics of the activations". It keeps two numbers for
        <strong>each parameter</strong>: m (<code>exp_avg</code>, an exponential moving average of
        the gradient, the first moment) and v (<code>exp_avg_sq</code>, a moving average of the
        squared gradient, the second moment). They have exactly the parameter's shape and do not
        depend on the batch size, the sequence length or the activations. Activations are what the
        forward pass keeps for the backward pass: a separate cost that grows with the batch and is
        freed after backward. Edit the parameter and the gradient below, take a few steps, and look
        at the <code>optimizer.state</code> the engine returns.
      </p>
    `,
  },
  memory: {
    // one line per Chinese paragraph: a line break between two Chinese characters shows as a space
    // prettier-ignore
    zh: () => html`
      <h3>训练要多少内存</h3>
      <p>fp32 训练时每个数占 4 字节。SGD（无动量）要存参数和梯度：2 倍参数大小；加上动量缓冲：3 倍； Adam 和 AdamW 要存参数、梯度、m、v：4 倍，即每个参数 16 字节。一个 70 亿参数的模型用 Adam 以 fp32 训练，不算激活值就要 112 GB。混合精度（fp16 或 bf16）训练时，权重和梯度用 2 字节，但还要保留一份 fp32 的主权重用于更新，m 和 v 也保持 fp32，所以优化器这部分并没有变小；省下的主要是激活值和计算。</p>
    `,
    en: () => html`
      <h3>How much memory training takes</h3>
      <p>
        In fp32 every number takes 4 bytes. SGD without momentum stores the parameters and their
        gradients: 2× the parameters. With a momentum buffer: 3×. Adam and AdamW store parameters,
        gradients, m and v: 4×, or 16 bytes per parameter. A 7-billion-parameter model trained with
        Adam in fp32 needs 112 GB before a single activation. Mixed precision (fp16 or bf16) keeps
        2-byte weights and gradients, but also an fp32 master copy of the weights for the update,
        and m and v stay fp32, so the optimizer's share does not shrink; what mixed precision saves
        is mostly activation memory and compute.
      </p>
    `,
  },
  decay: {
    // one line per Chinese paragraph: a line break between two Chinese characters shows as a space
    // prettier-ignore
    zh: () => html`
      <h3>AdamW：把权重衰减和梯度解耦</h3>
      <p>对不带动量的普通 SGD 来说，L2 正则（在损失上加 λ/2·‖θ‖²，梯度多出 λ·θ）和权重衰减（每步把 θ 乘以 1 − γλ）是一回事：θ ← θ − γ(g + λθ) 正是 θ·(1 − γλ) − γg。 带了动量就已经不同：λθ 进入动量缓冲区，在之后的每一步里继续起作用，所以 Loshchilov 和 Hutter 在 AdamW 之外还定义了 SGDW。 对 Adam 差别更大：Adam 把 λ·θ 加进梯度，它和梯度一起被除以 √v̂。梯度大的参数 v̂ 大，衰减被压得很弱； 梯度小的参数 v̂ 小，衰减反而被放大。AdamW 把衰减从梯度里拿出来，直接 θ ← θ − γλθ， 每个参数按同样的比例收缩。下面两个参数的梯度尺度相差很大：看它们在 Adam 和 AdamW 下的衰减速度。</p>
    `,
    en: () => html`
      <h3>AdamW: weight decay decoupled from the gradient</h3>
      <p>
        For plain SGD without momentum, L2 regularization (adding λ/2·‖θ‖² to the loss, so λ·θ to
        the gradient) and weight decay (multiplying θ by 1 − γλ each step) are the same thing: the
        step θ ← θ − γ(g + λθ) is θ·(1 − γλ) − γg. With momentum they already differ: λθ enters the
        momentum buffer and keeps acting in later steps, which is why Loshchilov and Hutter define
        SGDW beside AdamW. For Adam the difference is larger still: Adam adds λ·θ to the gradient,
        and it is divided by √v̂ together with the gradient. A parameter with large gradients has a
        large v̂ and barely decays; one with small gradients has a small v̂ and decays all the more.
        AdamW takes the decay out of the gradient and applies θ ← θ − γλθ directly, so every
        parameter shrinks by the same factor. The two parameters below have very different gradient
        scales: compare how fast they decay under Adam and under AdamW.
      </p>
    `,
  },
};

export default {
  id: 'optimizers',
  title: { zh: '优化器对比：SGD、Adam、AdamW', en: 'Optimizers: SGD, Adam, AdamW' },
  render: ({ lang }) => html`
    ${PROSE.race[lang]()}
    <optimizer-race state-key="optimizers.race"></optimizer-race>
    ${PROSE.state[lang]()}
    <optimizer-state state-key="optimizers.state"></optimizer-state>
    ${PROSE.memory[lang]()}
    <memory-calculator state-key="optimizers.memory"></memory-calculator>
    ${PROSE.decay[lang]()}
    <decay-compare state-key="optimizers.decay"></decay-compare>
    <self-check .generate=${memoryQuestion}></self-check>
  `,
};
