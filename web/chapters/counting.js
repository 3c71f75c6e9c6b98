// Chapter: Counting: how many means, what shape are γ and β.
import { html } from 'lit';

export default {
  id: 'counting',
  title: { zh: '计算次数与参数形状', en: 'Counting: how many means, what shape are γ and β' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>给定输入形状和归一化层，要计算多少组均值和方差？γ 和 β 是什么形状？</p>`
        : html`<p>
            Given an input shape and a normalization layer: how many mean/variance pairs are
            computed, and what shape are γ and β?
          </p>`
    }
  `,
};
