// Chapter: BN vs LN: which elements share a mean.
import { html } from 'lit';

export default {
  id: 'bn-vs-ln',
  title: {
    zh: 'BN 和 LN 的区别：哪些元素共享一个均值',
    en: 'BN vs LN: which elements share a mean',
  },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            BatchNorm 对每个通道，在整个批次（以及所有空间位置）上求统计量；LayerNorm
            对每个样本（每个 token），在它自己的特征上求统计量。
          </p>`
        : html`<p>
            BatchNorm takes statistics per channel, over every sample of the batch (and every
            spatial position); LayerNorm takes them per sample (per token), over that sample's own
            features.
          </p>`
    }
  `,
};
