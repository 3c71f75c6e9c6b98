// Chapter 2: BN vs LN (and IN, GN): which elements share a mean. The cube colours every element by
// its statistics group from the engine's plan; the player reduces one group step by step; the
// self-check asks about fresh random shapes and takes its answers from the plan.
import { html } from 'lit';
import '../widgets/norm-cube/index.js';
import '../widgets/reduction-player/index.js';
import '../widgets/self-check/index.js';
import { sharedMeanQuestion } from './lib/groups-questions.js';

// The Chinese prose is written one paragraph per line under this alias, which prettier does not
// rewrap: a line break between two Chinese characters would show as a space.
const cjk = html;

/** The cube tells the player below which tensor, norm and group to reduce. */
function toPlayer(event, update) {
  const player = event.currentTarget.closest('section')?.querySelector('#bn-vs-ln-player');
  if (player) update(player, event.detail);
}

const COMPARE = [
  { kind: 'layer', groups: 1, caption: { zh: 'LayerNorm([4, 3, 3])', en: 'LayerNorm([4, 3, 3])' } },
  { kind: 'group', groups: 1, caption: { zh: 'GroupNorm(1, 4)', en: 'GroupNorm(1, 4)' } },
  { kind: 'instance', groups: 4, caption: { zh: 'InstanceNorm2d(4)', en: 'InstanceNorm2d(4)' } },
  { kind: 'group', groups: 4, caption: { zh: 'GroupNorm(4, 4)', en: 'GroupNorm(4, 4)' } },
];

const zh = () => cjk`
  <p>四种归一化层算的是同一个公式：先减去均值、除以标准差，再乘 γ 加 β。它们唯一的区别是：<strong>哪些元素放在一起求同一个均值和方差</strong>。把一批图片写成形状 (N, C, H, W) 的张量，再把高和宽拉平成一个轴 H·W，就得到一个 (N, C, H·W) 的“立方体”：N 个样本，每个样本 C 个通道，每个通道 H·W 个位置。</p>
  <ul>
    <li><strong>BatchNorm</strong>：对<em>每个通道</em>，在整个批次的所有样本、所有空间位置上求统计量，统计量的个数是 C。</li>
    <li><strong>LayerNorm</strong>：对<em>每个样本</em>（在 NLP 里是每个 token），在它自己的全部特征上求统计量，与批次里的其他样本无关。对图片用 LayerNorm([C, H, W])，统计量的个数是 N；对形状为 (batch, seq, hidden) 的文本用 LayerNorm(hidden)，个数是 batch·seq。</li>
    <li><strong>InstanceNorm</strong>：对每个样本的<em>每个通道</em>，只在空间位置上求统计量，个数是 N·C。</li>
    <li><strong>GroupNorm</strong>：把 C 个通道分成 G 组，对每个样本的<em>每组通道</em>求统计量，个数是 N·G。</li>
  </ul>
  <p>下面的立方体里，颜色相同的格子共享同一组均值和方差。颜色不是手画的，而是来自 C++ 内核的“统计计划”：内核正是按这份计划求和的，所以图和计算不可能不一致。切换归一化方式、改形状或组数，再把鼠标移到格子上，看它属于哪一组、这组的均值和方差，以及它的输出。</p>
`;

const en = () => html`
  <p>
    The four normalization layers compute the same formula: subtract a mean, divide by a standard
    deviation, then scale by γ and shift by β. The only difference is
    <strong>which elements are pooled into one mean and variance</strong>. Write a batch of images
    as an (N, C, H, W) tensor and flatten height and width into one axis H·W: you get an (N, C, H·W)
    “cube” of N samples, each with C channels of H·W positions.
  </p>
  <ul>
    <li>
      <strong>BatchNorm</strong>: <em>per channel</em>, over every sample of the batch and every
      spatial position. C statistics.
    </li>
    <li>
      <strong>LayerNorm</strong>: <em>per sample</em> (per token in NLP), over that sample's own
      features, regardless of the rest of the batch. LayerNorm([C, H, W]) on images gives N
      statistics; LayerNorm(hidden) on (batch, seq, hidden) text gives batch·seq.
    </li>
    <li>
      <strong>InstanceNorm</strong>: per sample and <em>per channel</em>, over the spatial positions
      only. N·C statistics.
    </li>
    <li>
      <strong>GroupNorm</strong>: the C channels are split into G groups; per sample and
      <em>per group of channels</em>. N·G statistics.
    </li>
  </ul>
  <p>
    In the cube below, cells of one colour share a mean and variance. The colours are not drawn by
    hand: they are the C++ kernels' statistics plan, the very list the kernels sum over, so the
    picture and the computation cannot disagree. Switch the norm, change the shape or the groups,
    and hover a cell to see its group, the group's mean and variance, and the cell's output.
  </p>
`;

const playerZh = () => cjk`
  <h3>一组元素如何变成一个均值和方差</h3>
  <p>选中立方体里的任意一个格子，下面的播放器就演示它所在的那一组：第一遍把元素逐个加进 Σx，得到均值 μ；第二遍把每个 (x − μ)² 加进另一个和，除以元素个数 n 得到（有偏的）方差 σ²；然后每个元素被归一化，最后乘 γ、加 β。每一个部分和都由 C++ 计算。</p>
`;

const playerEn = () => html`
  <h3>How one group becomes one mean and one variance</h3>
  <p>
    Pick any cell of the cube and the player below reduces its group: the first pass adds the
    elements one by one into Σx, which gives the mean μ; the second pass adds each (x − μ)² into
    another sum, which divided by the count n gives the (biased) variance σ²; then every element is
    normalized, and finally scaled by γ and shifted by β. Every partial sum is computed in C++.
  </p>
`;

const compareZh = () => cjk`
  <h3>GroupNorm 的两个极端</h3>
  <p>GroupNorm 只有一组时，每个样本的所有通道都在同一组里，统计量和 LayerNorm([C, H, W]) 完全相同；GroupNorm 有 C 组时，每组只有一个通道，统计量和 InstanceNorm 完全相同。下面每一行左右两张图的颜色一模一样。</p>
  <p>但参数不一样：GroupNorm 的 γ、β 是<strong>每个通道</strong>一个，形状 (C,)；LayerNorm([C, H, W]) 的 γ、β 是<strong>每个元素</strong>一个，形状 (C, H, W)；InstanceNorm 默认 affine=False，根本没有 γ、β。图下显示的参数形状都来自引擎里的模块。</p>
`;

const compareEn = () => html`
  <h3>GroupNorm's two extremes</h3>
  <p>
    With one group, all channels of a sample are in the same group, so GroupNorm's statistics are
    exactly LayerNorm([C, H, W])'s; with C groups, each group is one channel, so they are exactly
    InstanceNorm's. The two pictures in each row below have the same colours.
  </p>
  <p>
    The parameters differ, though: GroupNorm's γ and β are <strong>per channel</strong>, shape (C,);
    LayerNorm([C, H, W])'s are <strong>per element</strong>, shape (C, H, W); and InstanceNorm has
    none by default (affine=False). The parameter shapes shown come from the modules in the engine.
  </p>
`;

const tipsZh = () => cjk`
  <h3>面试时怎么说</h3>
  <ul>
    <li>BN：“同一通道，跨样本”。统计量依赖批次，所以训练和推理不一样（见第 6 章）。</li>
    <li>LN：“同一样本，跨特征”。与批次无关，batch size 为 1 也能用。</li>
    <li>IN 的统计量与 GN(C)（每组一个通道）的相同；LayerNorm([C, H, W]) 的统计量与 GN(1) 的相同，但 ViT、ConvNeXt 那种对每个位置单独归一化的 LayerNorm(C) 并不是；GN 介于两者之间。参数并不相同：GN 默认有 2C 个参数，IN 默认没有。</li>
    <li>统计量个数：BN 为 C，LN 为 N（或 token 数），IN 为 N·C，GN 为 N·G。</li>
  </ul>
`;

const tipsEn = () => html`
  <h3>In an interview</h3>
  <ul>
    <li>
      BN: “same channel, across samples”: its statistics depend on the batch, so training and
      inference differ (chapter 6).
    </li>
    <li>LN: “same sample, across features”: independent of the batch, works with batch size 1.</li>
    <li>
      IN has GN(C)'s statistics (one channel per group); LayerNorm([C, H, W]) has GN(1)'s, but the
      per-position LayerNorm(C) of ViT- and ConvNeXt-style code does not; GN sits in between. The
      parameters differ: GN has 2C by default, IN none.
    </li>
    <li>Statistics count: BN C, LN N (or the number of tokens), IN N·C, GN N·G.</li>
  </ul>
`;

export default {
  id: 'bn-vs-ln',
  title: {
    zh: 'BN 和 LN 的区别：哪些元素共享一个均值',
    en: 'BN vs LN: which elements share a mean',
  },
  render: ({ lang }) => html`
    ${lang === 'zh' ? zh() : en()}
    <norm-cube
      id="bn-vs-ln-cube"
      state-key="bn-vs-ln.cube"
      kind="batch"
      shape="2,6,4,4"
      groups="3"
      @cube-change=${(e) =>
        toPlayer(e, (p, d) =>
          Object.assign(p, { kind: d.kind, shape: d.shape, groups: d.groups, values: d.values }),
        )}
      @cell-select=${(e) => toPlayer(e, (p, d) => (p.group = d.group))}
    ></norm-cube>
    ${lang === 'zh' ? playerZh() : playerEn()}
    <reduction-player
      id="bn-vs-ln-player"
      state-key="bn-vs-ln.player"
      kind="batch"
      shape="2,6,4,4"
      groups="3"
    ></reduction-player>
    ${lang === 'zh' ? compareZh() : compareEn()}
    <div
      style="display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: 0.5rem 1.5rem"
    >
      ${COMPARE.map(
        (c) =>
          html`<figure style="margin: 0">
            <figcaption>${c.caption[lang] ?? c.caption.en}</figcaption>
            <norm-cube compact kind=${c.kind} shape="2,4,3,3" groups=${c.groups}></norm-cube>
          </figure>`,
      )}
    </div>
    <self-check .generate=${sharedMeanQuestion}></self-check>
    ${lang === 'zh' ? tipsZh() : tipsEn()}
  `,
};
