// Chapter: Optimizers: SGD, Adam, AdamW.
import { html } from 'lit';

export default {
  id: 'optimizers',
  title: { zh: '优化器对比：SGD、Adam、AdamW', en: 'Optimizers: SGD, Adam, AdamW' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>SGD、Adagrad、RMSprop、Adam、AdamW 的更新规则，在二维损失曲面上并排比赛。</p>`
        : html`<p>
            The update rules of SGD, Adagrad, RMSprop, Adam and AdamW, raced side by side on 2-D
            loss surfaces.
          </p>`
    }
  `,
};
