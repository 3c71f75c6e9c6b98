// Chapter 1: the formula. y = (x − E[x]) / sqrt(Var[x] + ε) · γ + β; ε, the biased variance, and
// why the affine γ, β exists.
import { html } from 'lit';
import '../widgets/norm-playground/index.js';
import '../widgets/affine-plot/index.js';
import '../widgets/self-check/index.js';
import { formulaQuestion } from './basics-questions.js';

const zh = (lang) => lang === 'zh';

export default {
  id: 'formula',
  title: { zh: '归一化公式', en: 'The formula' },
  render: ({ lang }) => html`
    ${
      zh(lang)
        ? html`<p>
              所有归一化层都做同一件事：把一组数减去它们的均值，再除以它们的标准差，得到均值为
              0、方差为 1 的数，然后用可学习的 γ 和 β 做一次缩放和平移：
            </p>
            <p class="formula">y = (x − E[x]) / √(Var[x] + ε) · γ + β</p>
            <p>
              不同的归一化层之间，唯一的区别是“哪些数放在同一组里求均值”。下面是 LayerNorm(4)
              作用在形状为 (2, 3, 4) 的张量上：每一行（一个 token 的 4
              个特征）单独求一次均值和方差，同一组的格子颜色相同。改动任意一个数，输出和统计量会立即由
              C++ 内核重新计算。
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
              variance; cells of one group share a colour. Change any number and the C++ kernels
              recompute the output and the statistics at once.
            </p>`
    }
    <norm-playground
      state-key="formula.ln"
      op="layer_norm"
      shape="2,3,4"
      normalized-shape="4"
    ></norm-playground>

    <h3>${zh(lang) ? 'ε：分母永远不为零' : 'ε: the denominator is never zero'}</h3>
    ${
      zh(lang)
        ? html`<p>
            如果一组数全都相同，它们的方差就是 0，公式里的分母 √Var[x] 也是 0。ε
            是加在方差上的一个小正数，PyTorch 的默认值是 1e-5。下面第一行是常数行：方差为 0，x −
            E[x] 恰好为 0，归一化结果是 0 / √ε = 0，所以输出恰好等于 β，与 γ 无关。把 ε 改成 0
            试试：0 / 0 得到 NaN。γ 和 β 也可以直接编辑。
          </p>`
        : html`<p>
            When every number in a group is the same, its variance is 0 and so is √Var[x] in the
            denominator. ε is a small positive number added to the variance; PyTorch's default is
            1e-5. The first row below is constant: its variance is 0, x − E[x] is exactly 0, the
            normalized value is 0 / √ε = 0, and the output is exactly β, whatever γ is. Set ε to 0
            and see 0 / 0 turn into NaN. γ and β are editable too.
          </p>`
    }
    <norm-playground
      state-key="formula.eps"
      label="rows"
      output-label="out"
      module="nn.LayerNorm(4)"
      shape="2,4"
      values="3,3,3,3,2,4,4,7"
      weight="2,2,2,2"
      bias="0.5,-1,0,2"
      eps-editable
      affine-editable
      show-unbiased
    ></norm-playground>

    <h3>${zh(lang) ? '方差除以 n，而不是 n − 1' : 'The variance divides by n, not n − 1'}</h3>
    ${
      zh(lang)
        ? html`<p>
            归一化用的是<strong>有偏</strong>方差：Σ(x − E[x])² / n。统计课上常见的无偏估计除以 n −
            1，也是 torch.var(x) 的默认值，但归一化层并不用它。上面每行后面同时列出了两者（“方差”是
            ÷n 的那个，“÷(n−1)”是无偏的那个）：两者相差 n / (n − 1) 倍，n 越小差得越多。训练时
            BatchNorm 的 running_var 反而记录无偏方差，这一点在第 6 章还会看到。
          </p>`
        : html`<p>
            Normalization uses the <strong>biased</strong> variance, Σ(x − E[x])² / n. The unbiased
            estimate from statistics classes divides by n − 1, and it is what torch.var(x) returns
            by default, but the layers do not normalize with it. Each row above lists both ("var" is
            the ÷n one, "÷(n−1)" the unbiased one): they differ by a factor of n / (n − 1), which
            matters most for small groups. BatchNorm's running_var, on the other hand, records the
            unbiased one during training, as chapter 6 shows.
          </p>`
    }

    <h3>${zh(lang) ? '为什么还要 γ 和 β' : 'Why the affine γ and β'}</h3>
    ${
      zh(lang)
        ? html`<p>
            归一化之后，每组数的均值为 0、方差为 1（图中浅色带是 [−1, 1]，即 0
            两侧各一个标准差）。有多少落在带里，取决于数据分布的形状：归一化只固定均值和方差，一行
            ±1 的数会全部落在带里。sigmoid 在 [−1, 1] 上几乎是一条直线，斜率只从 0 处的 0.25 降到 ±1
            处的 0.197：如果直接把归一化后的值送进去，它就近似线性，网络的表达能力被削弱。tanh
            在这一段已经明显弯曲，斜率从 1 降到 0.42，下面的图选 tanh 时也会判为非线性。γ 和 β
            让网络自己学会把数值拉开、挪动，进入它需要的那一段曲线；γ = √(Var[x] + ε)、β = E[x]
            时甚至可以把归一化完全撤销（对 BatchNorm
            来说，只对算出这组统计量的那一个批次成立，换一个批次就不再成立）。拖动滑块，看看你的数值落在曲线的哪一段，以及那里的斜率。
          </p>`
        : html`<p>
            After normalization each group has mean 0 and variance 1 (the shaded band is [−1, 1],
            one standard deviation either side of 0). How many fall in the band depends on the shape
            of the data: normalization fixes the mean and the variance, not the shape, and a row of
            ±1 puts all of them there. On [−1, 1] sigmoid is almost a straight line, its slope
            falling only from 0.25 at 0 to 0.197 at ±1: fed the normalized values directly, it would
            act nearly linearly and the network would lose much of its expressive power. tanh
            already bends there, its slope falling from 1 to 0.42, and the plot below calls it
            non-linear. γ and β let the network learn to spread and shift the values onto the
            stretch of the curve it needs; with γ = √(Var[x] + ε) and β = E[x] it can even undo the
            normalization (for BatchNorm only on the batch those statistics came from, not on the
            next one). Drag the sliders and watch where your values land on the curve and how steep
            it is there.
          </p>`
    }
    <affine-plot state-key="formula.affine" label="feats"></affine-plot>

    <self-check .generate=${formulaQuestion}></self-check>
  `,
};
