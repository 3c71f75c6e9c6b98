// Chapter: InstanceNorm and GroupNorm.
import { html } from 'lit';

export default {
  id: 'in-gn',
  title: { zh: 'IN 和 GN', en: 'InstanceNorm and GroupNorm' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>IN 来自风格迁移，GN 来自小批量训练：批次太小时，BN 的统计量噪声很大。</p>`
        : html`<p>
            IN comes from style transfer, GN from small-batch training: when the batch is small,
            BN's statistics are noisy.
          </p>`
    }
  `,
};
