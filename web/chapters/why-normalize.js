// Chapter: Why normalize at all: internal covariate shift.
import { html } from 'lit';

export default {
  id: 'why-normalize',
  title: {
    zh: '为什么要归一化：内部协变量偏移',
    en: 'Why normalize at all: internal covariate shift',
  },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            每一层的输入分布都会随着前面各层的学习而变化；层层相乘的矩阵会让数值逐层变大或变小。
          </p>`
        : html`<p>
            Each layer's input distribution moves as earlier layers learn; stacked matrix products
            make values grow or shrink layer by layer.
          </p>`
    }
  `,
};
