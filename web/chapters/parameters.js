// Chapter: Learnable parameters.
import { html } from 'lit';

export default {
  id: 'parameters',
  title: { zh: '可学习参数量', en: 'Learnable parameters' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            归一化层的可学习参数只有 γ（weight）和 β（bias）；running_mean、running_var
            是缓冲区，不是参数。
          </p>`
        : html`<p>
            A normalization layer learns only γ (weight) and β (bias); running_mean and running_var
            are buffers, not parameters.
          </p>`
    }
  `,
};
