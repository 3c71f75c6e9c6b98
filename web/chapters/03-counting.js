// Chapter 3: counting. How many mean/variance pairs a layer computes, and what shape γ and β have.
import { html } from 'lit';
import '../widgets/norm-playground/index.js';
import '../widgets/count-table/index.js';
import '../widgets/self-check/index.js';
import { countingQuestion } from './basics-questions.js';

const zh = (lang) => lang === 'zh';

export default {
  id: 'counting',
  title: { zh: '计算次数与 γ、β 的形状', en: 'Counting: how many means, what shape are γ and β' },
  render: ({ lang }) => html`
    ${
      zh(lang)
        ? html`<p>
            面试里关于归一化最常见的两个问题：均值和方差一共要算几次？γ 和 β
            是什么形状？两个答案都取决于“哪些元素共享同一个均值”。下面的数字全部来自 C++
            内核的统计计划（plan），格子的颜色表示它属于哪一组。
          </p>`
        : html`<p>
            Two questions come up in every interview about normalization: how many times is a mean
            and a variance computed, and what shape are γ and β? Both answers follow from which
            elements share a mean. Every number below comes from the C++ kernels' statistics plan,
            and a cell's colour says which group it belongs to.
          </p>`
    }

    <h3>${zh(lang) ? 'LayerNorm(4) 作用在 (2, 3, 4) 上' : 'LayerNorm(4) on (2, 3, 4)'}</h3>
    ${
      zh(lang)
        ? html`<p>
            (2, 3, 4) 是 (batch, 序列长度, hidden)：2 句话，每句 3 个 token，每个 token 4
            个特征。LayerNorm(4) 对每个 token 的 4 个特征单独求一次均值和方差，所以是 2 × 3 = 6
            次。γ 和 β 的形状是 (4,)：每个特征一个缩放和平移，所有 token 共用。
          </p>`
        : html`<p>
            (2, 3, 4) is (batch, sequence, hidden): 2 sentences of 3 tokens with 4 features each.
            LayerNorm(4) normalizes each token over its own 4 features, so there are 2 × 3 = 6
            computations. γ and β have shape (4,): one scale and shift per feature, shared by every
            token.
          </p>`
    }
    <norm-playground
      state-key="counting.ln"
      label="h"
      output-label="h_out"
      module="nn.LayerNorm(4)"
      shape="2,3,4"
    ></norm-playground>

    <h3>
      ${zh(lang) ? 'BatchNorm2d(3) 作用在 (2, 3, 4, 4) 上' : 'BatchNorm2d(3) on (2, 3, 4, 4)'}
    </h3>
    ${
      zh(lang)
        ? html`<p>
              (2, 3, 4, 4) 是 (N, C, H, W)：2 张图，每张 3 个通道，每个通道 4 × 4。BatchNorm2d(3)
              对每个通道求一次均值和方差，共 <strong>3</strong> 次，每次覆盖 2 · 4 · 4 = 32
              个元素：两张图、所有位置上同一通道的值。γ 和 β 的形状是 (3,)。
            </p>
            <p>
              <strong>为什么不是 2 × 3 = 6？</strong>“每个样本的每个通道各算一次”是 InstanceNorm2d
              的做法，不是 BatchNorm 的。BatchNorm 的关键就在于把整个 batch 合在一起统计：通道 c
              的均值是所有 N 个样本一起求的，batch 这一维被平均掉了，而不是被计数。所以 BatchNorm
              的计算次数等于 C，与 N 无关。在下面的模块框里输入 nn.InstanceNorm2d(3)
              并应用，就能看到内核算出 6。
            </p>`
        : html`<p>
              (2, 3, 4, 4) is (N, C, H, W): 2 images with 3 channels of 4 × 4 each. BatchNorm2d(3)
              computes one mean and variance per channel: <strong>3</strong> in all, each over 2 · 4
              · 4 = 32 elements, the values of that channel in both images at every position. γ and
              β have shape (3,).
            </p>
            <p>
              <strong>Why not 2 × 3 = 6?</strong> One mean per sample and per channel is what
              InstanceNorm2d does, not BatchNorm. The point of BatchNorm is to pool the batch: the
              mean of channel c is taken over all N samples at once, so the batch dimension is
              averaged over, not counted. BatchNorm computes C pairs, whatever N is. Type
              nn.InstanceNorm2d(3) into the module field below and apply it to see the kernels count
              6.
            </p>`
    }
    <norm-playground
      state-key="counting.bn"
      label="img"
      output-label="img_out"
      module="nn.BatchNorm2d(3)"
      shape="2,3,4,4"
      module-editable
      shape-editable
    ></norm-playground>

    <h3>
      ${zh(lang) ? 'LayerNorm([C, H, W]) 作用在 (N, C, H, W) 上' : 'LayerNorm([C, H, W]) on (N, C, H, W)'}
    </h3>
    ${
      zh(lang)
        ? html`<p>
            LayerNorm 也可以对最后几维一起归一化。LayerNorm([3, 4, 4]) 作用在 (2, 3, 4, 4)
            上，每个样本的 3 · 4 · 4 = 48 个值共享一个均值，所以只算 N = 2 次。但 γ 和 β 的形状是
            (3, 4, 4)：LayerNorm 的仿射变换是<strong>逐元素</strong>的，而 BatchNorm
            的是<strong>逐通道</strong>的。下表把这几种情况放在一起；也可以添加你自己的一行。
          </p>`
        : html`<p>
            LayerNorm can normalize over several trailing dims at once. LayerNorm([3, 4, 4]) on (2,
            3, 4, 4) lets the 3 · 4 · 4 = 48 values of each sample share one mean: N = 2
            computations. But γ and β have shape (3, 4, 4): LayerNorm's affine is
            <strong>per element</strong>, BatchNorm's <strong>per channel</strong>. The table puts
            the cases side by side; add rows of your own.
          </p>`
    }
    <count-table
      state-key="counting.table"
      rows="nn.LayerNorm(4) | 2,3,4; nn.BatchNorm2d(3) | 2,3,4,4; nn.InstanceNorm2d(3) | 2,3,4,4; nn.LayerNorm([3, 4, 4]) | 2,3,4,4"
    ></count-table>

    <self-check .generate=${countingQuestion}></self-check>
  `,
};
