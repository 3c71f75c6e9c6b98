// Chapter 4: learnable parameters. γ (weight) and β (bias) are the only parameters; running
// statistics are buffers.
import { html } from 'lit';
import '../widgets/param-table/index.js';
import '../widgets/norm-playground/index.js';
import '../widgets/self-check/index.js';
import { parametersQuestion } from './basics-questions.js';

const zh = (lang) => lang === 'zh';

export default {
  id: 'parameters',
  title: { zh: '可学习参数量', en: 'Learnable parameters' },
  render: ({ lang }) => html`
    ${
      zh(lang)
        ? html`<p>
              归一化层能学习的只有 γ（weight）和 β（bias）。BatchNorm2d(C) 的 weight 和 bias 各有 C
              个数，合计 2C：BatchNorm2d(100) 无论输入是 (20, 100, 35, 45) 还是别的形状，都是 200
              个参数。用 named_parameters() 打印，会看到 <code>weight torch.Size([100])</code> 和
              <code>bias torch.Size([100])</code>。
            </p>
            <p>
              <strong>缓冲区不是参数。</strong>running_mean、running_var（各 C 个数）和
              num_batches_tracked（一个整数）会保存在 state_dict
              里，训练时由前向计算更新，但它们不是
              parameters()，优化器不会更新它们，也不计入参数量。
            </p>
            <ul>
              <li>
                LayerNorm(normalized_shape)：2 · prod(normalized_shape)；bias=False 时是
                prod(normalized_shape)（PyTorch 2.1 起支持）；elementwise_affine=False 时是 0。
                LayerNorm(10) 作用在 (20, 5, 10) 上：20 个。
              </li>
              <li>InstanceNorm：默认 affine=False，0 个；affine=True 时 2C。</li>
              <li>GroupNorm(G, C)：2C，γ、β 是逐通道的，不是逐组的。</li>
            </ul>
            <p>选一个模块和它的选项，看看 PyTorch 会列出什么（数字都由计算引擎里的模块给出）：</p>`
        : html`<p>
              A normalization layer learns only γ (weight) and β (bias). For BatchNorm2d(C) each has
              C entries, 2C in total: BatchNorm2d(100) has 200 parameters whether its input is (20,
              100, 35, 45) or anything else. named_parameters() prints
              <code>weight torch.Size([100])</code> and <code>bias torch.Size([100])</code>.
            </p>
            <p>
              <strong>Buffers are not parameters.</strong> running_mean, running_var (C entries
              each) and num_batches_tracked (one integer) live in the state_dict and the forward
              pass updates them during training, but they are not in parameters(): no optimizer
              touches them and they do not count.
            </p>
            <ul>
              <li>
                LayerNorm(normalized_shape): 2 · prod(normalized_shape); prod(normalized_shape) with
                bias=False (PyTorch 2.1 and newer); 0 with elementwise_affine=False. LayerNorm(10)
                on (20, 5, 10): 20.
              </li>
              <li>InstanceNorm: 0 by default (affine=False); 2C with affine=True.</li>
              <li>GroupNorm(G, C): 2C; γ and β are per channel, not per group.</li>
            </ul>
            <p>
              Pick a module and its options and see what PyTorch would list (the engine's module
              gives every number):
            </p>`
    }
    <param-table state-key="parameters.table"></param-table>

    <h3>${zh(lang) ? '每个通道一个 γ、一个 β' : 'One γ and one β per channel'}</h3>
    ${
      zh(lang)
        ? html`<p>
            BatchNorm2d(3) 的 γ、β 各有 3 个数，每个通道一个。把 γ[1] 改成 3，输出里通道 1
            的所有值（两张图、所有位置）都被放大 3 倍；改 β[2]，通道 2 整体平移。
          </p>`
        : html`<p>
            BatchNorm2d(3) has 3 entries in γ and 3 in β, one per channel. Set γ[1] to 3 and every
            value of channel 1 in the output (both images, every position) is scaled by 3; change
            β[2] and all of channel 2 shifts.
          </p>`
    }
    <norm-playground
      state-key="parameters.bn"
      label="fmap"
      output-label="fmap_out"
      module="nn.BatchNorm2d(3)"
      shape="2,3,2,2"
      affine-editable
    ></norm-playground>

    <self-check .generate=${parametersQuestion}></self-check>
  `,
};
