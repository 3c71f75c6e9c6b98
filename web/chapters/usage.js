// Chapter: Using the modules: nn.LayerNorm vs nn.BatchNorm.
import { html } from 'lit';

export default {
  id: 'usage',
  title: {
    zh: 'nn.LayerNorm 与 nn.BatchNorm 的用法差异',
    en: 'Using the modules: nn.LayerNorm vs nn.BatchNorm',
  },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            BatchNorm 的参数是通道数（输入的第 1 维）；LayerNorm 的参数是输入最后几维的形状。
          </p>`
        : html`<p>
            BatchNorm's argument is the channel count, dim 1 of the input; LayerNorm's is the shape
            of the input's last dims.
          </p>`
    }
  `,
};
