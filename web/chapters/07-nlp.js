// Chapter 7: why NLP uses LayerNorm. Padding and varying lengths leak into BatchNorm's per-feature
// statistics, never into LayerNorm's per-token ones; LN also works with a batch of one.
import { html } from 'lit';
import '../widgets/padding-demo/index.js';
import '../widgets/train-eval-grid/index.js';
import '../widgets/self-check/index.js';
import { nlpQuestion } from './dynamics-questions.js';

export default {
  id: 'nlp',
  title: { zh: '为什么 NLP 用 LN', en: 'Why NLP uses LN, not BN' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
              在 NLP 里，一个批次是若干个句子，每个 token 是一个 H 维向量，整个批次是形状 (B, T, H)
              的张量。句子长短不一，短的要在后面补上填充（padding）才能拼成一个张量。
            </p>
            <p>
              如果用
              BatchNorm，每个特征的均值和方差要跨越批次里的<strong>所有位置</strong>来算：填充的零
              会混进来，而且第一个词和第二十个词的含义、分布都不一样，也被混在一起平均。更糟的是，统计量取决于这一批里句子的长短和填充了多少，同一句话换一个批次就会得到不同的输出。LayerNorm
              只在每个 token 自己的 H 个特征上算均值和方差，别的
              token、别的句子、填充多少，都与它无关。
            </p>
            <p>
              下面是三个长度不同的句子。勾掉或勾上“填充”，或者改变填充长度 T：BN
              的每个特征的统计量会跟着变，LN 的每个 token 的统计量纹丝不动。修改某个 token
              的数值，则只有这个 token 自己的 LN 统计量会变，而 BN
              的每个特征都会受影响。所有数字都由 C++ 内核计算。
            </p>`
        : html`<p>
              In NLP a batch is a few sentences, each token an H-dimensional vector, the batch a
              tensor of shape (B, T, H). Sentences differ in length, so the shorter ones are padded
              at the end to make one tensor.
            </p>
            <p>
              With BatchNorm, each feature's mean and variance span
              <strong>every position</strong> in the batch: the padding zeros are mixed in, and the
              first word and the twentieth, which mean different things and are distributed
              differently, are averaged together. Worse, the statistics depend on how long the other
              sentences are and how much padding there is, so the same sentence gets a different
              output in a different batch. LayerNorm takes each token's mean and variance over its
              own H features only: other tokens, other sentences and the amount of padding never
              enter.
            </p>
            <p>
              Below are three sentences of different lengths. Toggle the padding or change the
              padded length T: BN's per-feature statistics move, LN's per-token statistics stay put.
              Edit one token and only that token's LN statistics change, while every BN feature
              feels it. Every number comes from the C++ kernels.
            </p>`
    }
    <padding-demo state-key="nlp.padding"></padding-demo>
    ${
      lang === 'zh'
        ? html`<p>
            LN 也不依赖批大小：批大小为 1 时照常工作，RNN 或自回归解码一步只处理一个 token
            也没问题。 BN 在训练模式下每个通道至少要有两个数才能算方差，否则 PyTorch
            会报错。下面的输入只有一个样本：
          </p>`
        : html`<p>
            LN does not depend on the batch size either: it works with a batch size of 1, and in an
            RNN or an autoregressive decoder that handles one token per step. BN in training needs
            more than one value per channel to compute a variance, and PyTorch refuses otherwise.
            The input below is a single sample:
          </p>`
    }
    <train-eval-grid state-key="nlp.single" shape="1,4" seed="5"></train-eval-grid>
    ${
      lang === 'zh'
        ? html`<p>
            那为什么视觉里 BN
            很好用？卷积网络的一个通道是一个特征检测器（比如“竖直边缘”），同一个特征在不同图片上应当有可比的分布，所以跨样本统计是合理的；而且统计量覆盖
            N × H × W 个数，即使批次不大也很稳定。简单地说：<strong>BN 保留了样本之间的关系</strong
            >（同一特征在不同样本上的大小可比），
            <strong>LN 保留了一个样本内部各特征之间的关系</strong>。图片尺寸统一、批次够大时 BN
            合适；序列长短不一、批次小或要逐个 token 推理时 LN 合适。
          </p>`
        : html`<p>
            Why, then, does BN work so well in vision? A channel of a CNN is a feature detector
            (say, “vertical edge”), and the same feature should be distributed comparably across
            images, so statistics across samples make sense; they also cover N × H × W values, which
            keeps them stable even for modest batches. In short,
            <strong>BN keeps the relations between samples</strong> (one feature is comparable
            across samples),
            <strong>LN keeps the relations between the features of one sample</strong>. Fixed-size
            images and decent batches suit BN; variable-length sequences, small batches and
            token-by-token inference suit LN.
          </p>`
    }
    <self-check .generate=${nlpQuestion}></self-check>
  `,
};
