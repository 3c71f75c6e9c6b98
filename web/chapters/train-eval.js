// Chapter: Train vs eval: why BN differs and LN does not.
import { html } from 'lit';

export default {
  id: 'train-eval',
  title: {
    zh: '为什么 BN 训练和测试有区别，而 LN 没有',
    en: 'Train vs eval: why BN differs and LN does not',
  },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            训练时 BN 用当前批次的统计量，并更新 running 统计量；测试时用 running 统计量。LN 没有
            running 统计量。
          </p>`
        : html`<p>
            In training BN normalizes with the batch's statistics and updates its running
            statistics; in eval it uses the running ones. LN keeps none.
          </p>`
    }
  `,
};
