// Chapter 1: the formula. y = (x − E[x]) / sqrt(Var[x] + ε) · γ + β.
import { html } from 'lit';
import '../widgets/norm-playground.js';

export default {
  id: 'formula',
  title: { zh: '归一化公式', en: 'The formula' },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
              所有归一化层都做同一件事：把一组数减去它们的均值，再除以它们的标准差，得到均值为
              0、方差为 1 的数，然后用可学习的 γ 和 β 做一次缩放和平移：
            </p>
            <p class="formula">y = (x − E[x]) / √(Var[x] + ε) · γ + β</p>
            <p>
              不同的归一化层之间，唯一的区别是“哪些数放在同一组里求均值”。下面是 LayerNorm(4)
              作用在形状为 (2, 3, 4) 的张量上：每一行（一个 token 的 4
              个特征）单独求一次均值和方差。 改动任意一个数，输出和统计量会立即由 C++ 内核重新计算。
            </p>`
        : html`<p>
              Every normalization layer does the same thing: subtract a group's mean, divide by its
              standard deviation so the group has mean 0 and variance 1, then scale and shift with
              the learnable γ and β:
            </p>
            <p class="formula">y = (x − E[x]) / √(Var[x] + ε) · γ + β</p>
            <p>
              The layers differ only in which numbers share a mean. Below, LayerNorm(4) runs on a
              (2, 3, 4) tensor: each row (the 4 features of one token) gets its own mean and
              variance. Change any number and the C++ kernels recompute the output and the
              statistics at once.
            </p>`
    }
    <norm-playground
      state-key="formula.ln"
      op="layer_norm"
      shape="2,3,4"
      normalized-shape="4"
      .lang=${lang}
    ></norm-playground>
  `,
};
