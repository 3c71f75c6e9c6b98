// Chapter 11: the training lab. The tutorial's claims about training, run live on the digits and a
// padded sequence task. Each <training-lab> shows its experiment's one statement
// (web/model/experiments.js), which our own runs support; the prose here says what each shows and
// where our small data differs from the papers, and restates no number the statements do not.
import { html } from 'lit';
import '../widgets/training-lab/index.js';

const lab = (key) =>
  html`<training-lab experiment=${key} state-key=${`training-lab.${key}`}></training-lab>`;

const PROSE = {
  intro: {
    zh: html`<p>
      前面的章节把机制讲得很精确：哪些元素共享一个均值、γ 是什么形状、running
      统计量怎么移动。但最要紧的几条说法——归一化让训练更快更稳、小批次下 BatchNorm 会变差而
      GroupNorm 不会、NLP 里补齐的序列该用 LayerNorm、AdamW 的衰减与 Adam + L2
      不同——到现在都只是<strong>说</strong>出来的。这一章在你的浏览器里真的训练网络：8×8
      手写数字（sklearn 自带的数据集）上的小 CNN 和
      MLP，以及一个合成的补齐序列任务，用的是本页其余部分同样的 C++ 内核。训练在 Web Worker
      里进行，页面其余部分照常响应。每个实验旁边的那句话，都是我们自己的运行（默认设置，固定种子，可重现）所支持的结论；改了设置，结果就由你自己判断。
    </p>`,
    en: html`<p>
      The chapters before this one show the mechanics exactly: which elements share a mean, what
      shape γ has, how the running statistics move. The claims that matter most have so far only
      been <strong>told</strong>: that normalization makes training faster and steadier, that
      BatchNorm degrades at small batch sizes and GroupNorm does not, that padded sequences in NLP
      want LayerNorm, that AdamW's decay is not Adam + L2. This chapter trains networks in your
      browser: a small CNN and an MLP on the 8×8 handwritten digits that sklearn ships, and a
      synthetic padded-sequence task, on the same C++ kernels as the rest of the page. Training runs
      in a Web Worker, so the page stays responsive. The sentence beside each experiment is what our
      own runs support (default settings, fixed seeds, reproducible); once you change the settings,
      the judgement is yours.
    </p>`,
  },
  norms: {
    zh: html`<h3>归一化让训练更快</h3>
      <p>
        同一个 CNN（两个 3×3 卷积、平均池化、一个线性层），同一个
        Adam，只换归一化层。看训练损失下降的速度，以及最后的验证误差。
      </p>`,
    en: html`<h3>Normalization speeds up training</h3>
      <p>
        The same CNN (two 3×3 convolutions, average pooling, one linear layer), the same Adam, only
        the norm layer changes. Watch how fast the training loss falls, and the held-out error at
        the end.
      </p>`,
  },
  batch: {
    zh: html`<h3>小批次下的 BatchNorm 与 GroupNorm</h3>
      <p>
        GroupNorm 论文（Wu & He）的图 1：批次越小，BN 的误差越大，GN 不受影响。论文测的是 ImageNet
        规模的模型，每块 GPU 只有两张图。在我们这么小、这么容易的数据上，<strong
          >这个 CNN 看不到小批次效应</strong
        >：它的 BatchNorm2d 除了批次还在 8×8 个位置上求平均，统计量并不缺数据。MLP
        则不同：BatchNorm1d 只在批次上求平均，批大小为 2 时每个特征都被归一化成 −1 和
        +1，效应就出现了。
      </p>`,
    en: html`<h3>BatchNorm vs GroupNorm at small batch sizes</h3>
      <p>
        Figure 1 of the GroupNorm paper (Wu & He): the smaller the batch, the worse BN's error,
        while GN does not care. The paper measured ImageNet-scale models with two images per GPU. On
        data as small and easy as ours, <strong>the CNN shows no small-batch effect</strong>: its
        BatchNorm2d averages over the 8×8 positions as well as the batch, so its statistics never
        lack data. The MLP does: BatchNorm1d averages each feature over the batch alone, and at
        batch 2 every feature normalizes to −1 and +1, so the effect appears.
      </p>`,
  },
  momentum: {
    zh: html`<h3>极小批次下 BN 的 train/eval 差距，以及 momentum</h3>
      <p>
        同一个批大小为 2 的 MLP：训练模式下用的是批次统计量，不受 momentum 影响；评估模式用的是
        running 统计量，而 momentum
        决定它们只跟随最近几个批次还是平均很多批次。表格里对比训练模式与评估模式的误差。
      </p>`,
    en: html`<h3>BN's train/eval gap at a tiny batch, and momentum</h3>
      <p>
        The same MLP at batch 2: training mode uses the batch's statistics, which momentum does not
        touch; eval mode uses the running statistics, and momentum decides whether they follow the
        last few batches or average many. The table sets the train-mode and the eval-mode error side
        by side.
      </p>`,
  },
  padding: {
    zh: html`<h3>补齐的序列：BatchNorm vs LayerNorm</h3>
      <p>
        一个合成的逐词元分类任务，序列长短不一，补齐到同一长度（填充行不计损失也不计准确率）。BatchNorm
        在批次 × 时间上求统计量，填充也算在内；LayerNorm
        每行单独归一化，看不到填充。每种归一化都有一个去掉填充的对照运行。
      </p>`,
    en: html`<h3>Padded sequences: BatchNorm vs LayerNorm</h3>
      <p>
        A synthetic per-token classification task whose sequences have different lengths, padded to
        a common one (padding rows count for neither the loss nor the accuracy). BatchNorm takes its
        statistics over batch × time, padding included; LayerNorm normalizes each row alone and
        never sees the padding. Each norm has a control run without padding.
      </p>`,
  },
  decay: {
    zh: html`<h3>Adam + L2 vs AdamW</h3>
      <p>
        Loshchilov 与 Hutter 的论文：把 L2 项加进梯度（torch.optim.Adam 的
        weight_decay）和把衰减从梯度里解耦出来（AdamW），在 Adam 下不是一回事。同一个不带归一化的
        MLP、同样的 weight_decay，看权重范数和验证误差。
      </p>`,
    en: html`<h3>Adam + L2 vs AdamW</h3>
      <p>
        Loshchilov and Hutter: adding an L2 term to the gradient (torch.optim.Adam's weight_decay)
        and decoupling the decay from the gradient (AdamW) are not the same thing under Adam. The
        same MLP without a norm, the same weight_decay: watch the weight norm and the held-out
        error.
      </p>`,
  },
};

const say = (lang, key) => PROSE[key][lang];

export default {
  id: 'training-lab',
  title: {
    zh: '训练实验室：在真实训练中检验这些说法',
    en: 'Training lab: the claims, on real training runs',
  },
  render: ({ lang }) => html`
    ${say(lang, 'intro')} ${say(lang, 'norms')} ${lab('norms')} ${say(lang, 'batch')}
    ${lab('batch-size')} ${say(lang, 'momentum')} ${lab('bn-momentum')} ${say(lang, 'padding')}
    ${lab('padding')} ${say(lang, 'decay')} ${lab('weight-decay')}
  `,
};
