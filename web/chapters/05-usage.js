// Chapter 5: using the modules. BatchNorm's argument is the channel count (dim 1); LayerNorm's is
// the shape of the last dims. Wrong shapes get PyTorch's own messages from the engine.
import { html } from 'lit';
import '../widgets/module-console/index.js';
import '../widgets/self-check/index.js';
import { usageQuestion } from './basics-questions.js';

const zh = (lang) => lang === 'zh';

export default {
  id: 'usage',
  title: {
    zh: 'nn.LayerNorm 与 nn.BatchNorm 的用法差异',
    en: 'Using the modules: nn.LayerNorm vs nn.BatchNorm',
  },
  render: ({ lang }) => html`
    ${
      zh(lang)
        ? html`<p>两个模块的构造参数含义完全不同，这是最常见的报错来源。</p>
            <ul>
              <li>
                <strong>BatchNorm 的参数是通道数</strong>，即输入的第 1 维（第 0 维是 batch）。
                BatchNorm1d 接受 (N, C) 或 (N, C, L)，BatchNorm2d 接受 (N, C, H, W)，BatchNorm3d
                接受 (N, C, D, H, W)。维数不对会报
                <code>expected 4D input (got 3D input)</code> 这样的错误；通道数不对会报
                <code>running_mean should contain 3 elements not 4</code>。
              </li>
              <li>
                <strong>LayerNorm 的参数是输入最后几维的形状</strong>。(batch, 序列, hidden) 上用
                LayerNorm(hidden)；(N, C, H, W) 上想对每个样本整体归一化就用 LayerNorm([C, H,
                W])。形状必须和输入的末尾完全一致，否则会报
                <code
                  >Given normalized_shape=[6, 3], expected input with shape [*, 6, 3], but got input
                  of size[8, 6, 3, 4]</code
                >。
              </li>
              <li>
                GroupNorm(num_groups, num_channels)：通道数也是第 1 维，而且必须能被组数整除，否则
                <code>num_channels must be divisible by num_groups</code>。
              </li>
            </ul>
            <p>
              下面故意犯错吧：选一个常见错误（或者自己改模块和输入形状），点“运行”，看 PyTorch
              会怎么说。报错信息由计算引擎给出，与 PyTorch 1.13 逐字相同。
            </p>`
        : html`<p>
              The two modules' constructor arguments mean different things, and that is where most
              shape errors come from.
            </p>
            <ul>
              <li>
                <strong>BatchNorm's argument is the channel count</strong>, dim 1 of the input (dim
                0 is the batch). BatchNorm1d takes (N, C) or (N, C, L), BatchNorm2d (N, C, H, W),
                BatchNorm3d (N, C, D, H, W). The wrong rank gives
                <code>expected 4D input (got 3D input)</code>; the wrong channel count gives
                <code>running_mean should contain 3 elements not 4</code>.
              </li>
              <li>
                <strong>LayerNorm's argument is the shape of the last dims</strong>. On (batch,
                sequence, hidden) use LayerNorm(hidden); to normalize each sample of (N, C, H, W) as
                a whole use LayerNorm([C, H, W]). The shape must match the end of the input exactly,
                or PyTorch says
                <code
                  >Given normalized_shape=[6, 3], expected input with shape [*, 6, 3], but got input
                  of size[8, 6, 3, 4]</code
                >.
              </li>
              <li>
                GroupNorm(num_groups, num_channels): the channels are dim 1 too, and the group count
                must divide them, or <code>num_channels must be divisible by num_groups</code>.
              </li>
            </ul>
            <p>
              Make the mistakes on purpose: pick a classic one (or edit the module and the input
              shape), press Run, and read what PyTorch says. The messages come from the engine, word
              for word as PyTorch 1.13 prints them.
            </p>`
    }
    <module-console state-key="usage.console"></module-console>

    <self-check .generate=${usageQuestion}></self-check>
  `,
};
