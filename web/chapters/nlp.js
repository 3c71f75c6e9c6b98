// Chapter: Why NLP uses LN, not BN.
import { html } from 'lit';

export default {
  id: 'nlp',
  title: { zh: '为什么 NLP 用 LN', en: 'Why NLP uses LN, not BN' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            句子长短不一、需要填充；BN 的统计量会混入填充和不同位置的含义，LN 只看每个 token 自己。
          </p>`
        : html`<p>
            Sentences differ in length and are padded; BN's statistics mix in the padding and
            different positions, LN looks only at each token itself.
          </p>`
    }
  `,
};
