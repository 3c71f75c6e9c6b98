// Chapter 12: pitfalls (issue 21). The BatchNorm mistakes real projects shipped, each reproduced on
// our kernel: eval() vs no_grad(), the N·H·W > 1 rule, and the two momentum conventions. Each
// "seen in the wild" line names a public thread (checked before citing).
import { html } from 'lit';
import '../widgets/bn-mode-grid/index.js';
import '../widgets/bn-batch-rule/index.js';
import '../widgets/bn-momentum-convert/index.js';

const wild = (lang, threads) =>
  html`<p class="seen-in-the-wild">
    <strong>${lang === 'zh' ? '真实项目中：' : 'Seen in the wild: '}</strong>${threads.map(
      ([repo, n, what], i) =>
        html`${i ? '; ' : ''}<a href="https://github.com/${repo}/${n.kind}/${n.id}" rel="noopener"
            >${repo} #${n.id}</a
          >${what[lang] ? html` (${what[lang]})` : ''}`,
    )}
  </p>`;

const issue = (id) => ({ kind: 'issues', id });
const pull = (id) => ({ kind: 'pull', id });

export default {
  id: 'pitfalls',
  title: {
    zh: '常见陷阱：BatchNorm 在实践中怎样出错',
    en: 'Pitfalls: how BatchNorm breaks in practice',
  },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
            前面几章讲这些层怎样工作；这一章讲它们在真实项目里怎样出错。每个陷阱都在我们的内核上精确重现，数字可以用
            PyTorch 核对（“以 PyTorch 显示”给出代码）。
          </p>`
        : html`<p>
            The earlier chapters show how these layers work; this one shows how they break in real
            projects. Each pitfall is reproduced exactly on our kernel, with numbers PyTorch can
            check (“Show as PyTorch” gives the code).
          </p>`
    }
    <h3>
      ${lang === 'zh' ? '1. model.eval() 与 torch.no_grad()' : '1. model.eval() vs torch.no_grad()'}
    </h3>
    ${
      lang === 'zh'
        ? html`<p>
            两者常被混为一谈，但管的是不同的事：eval() 切换 BN 的<strong>模式</strong>（用 running
            统计量、不再更新），no_grad() 只是不建<strong>计算图</strong>。验证循环只写 no_grad()
            时，BN 仍在训练模式：用验证批次自己的统计量归一化，并把验证数据写进 running_mean 和
            running_var。下面的四个格子显示统计量只在 model.train() 的两格里变化。
          </p>`
        : html`<p>
            The two are often taken for one another, but they govern different things: eval()
            switches BN’s <strong>mode</strong> (use the running statistics, stop updating them),
            no_grad() only skips building the <strong>graph</strong>. A validation loop with only
            no_grad() leaves BN in training mode: it normalizes each validation batch with its own
            statistics and writes the validation data into running_mean and running_var. The four
            cells below show the statistics moving in the two model.train() cells only.
          </p>`
    }
    <bn-mode-grid state-key="pitfalls.grid"></bn-mode-grid>
    ${wild(lang, [
      [
        'princeton-vl/pytorch_stacked_hourglass',
        issue(44),
        {
          zh: 'model.train() 下做验证，修复见 #45',
          en: 'validation run under model.train(), fixed in #45',
        },
      ],
      [
        'wolny/pytorch-3dunet',
        issue(53),
        { zh: '验证前需要 model.eval()', en: 'model.eval() needed before validation' },
      ],
    ])}
    <h3>
      ${
        lang === 'zh'
          ? '2. “Expected more than 1 value per channel when training”'
          : '2. “Expected more than 1 value per channel when training”'
      }
    </h3>
    ${
      lang === 'zh'
        ? html`<p>
            训练模式的 BN 要用批次统计量，所以每个通道至少要有 2 个值：规则是 N·H·W > 1，不是 N >
            1。N = 1 的特征图照样能训练；全局平均池化（例如 ASPP 的图像池化分支）之后的 (1, C, 1, 1)
            不行，DataLoader 的最后一个批次只剩 1 个样本时也不行。(2, C, 1, 1) 能训练，但输出只能是
            ±1。常见的修正是 DataLoader(..., drop_last=True)，或者让这一层在 eval 模式下运行。
          </p>`
        : html`<p>
            BN in training mode needs batch statistics, so each channel needs at least 2 values: the
            rule is N·H·W > 1, not N > 1. A feature map with N = 1 trains fine; (1, C, 1, 1) after
            global average pooling (ASPP’s image-pooling branch, say) does not, and neither does a
            DataLoader’s last batch when 1 sample is left over. (2, C, 1, 1) trains, but its outputs
            can only be ±1. The usual fix is DataLoader(..., drop_last=True), or running that layer
            in eval mode.
          </p>`
    }
    <bn-batch-rule state-key="pitfalls.rule"></bn-batch-rule>
    ${wild(lang, [
      [
        'open-mmlab/mmsegmentation',
        issue(272),
        {
          zh: 'DeepLabV3+ 训练时 torch.Size([1, 512, 1, 1])',
          en: 'DeepLabV3+ training, torch.Size([1, 512, 1, 1])',
        },
      ],
      [
        'yassouali/pytorch-segmentation',
        issue(8),
        {
          zh: '一个 epoch 的最后一次迭代只剩 1 个样本',
          en: '1 sample left in the last iteration of an epoch',
        },
      ],
      [
        'ultralytics/yolov5',
        issue(2885),
        {
          zh: 'torch.Size([1, 16, 1, 1])；报告者已经用了 drop_last=True，它只对 DataLoader 的最后一个批次有用',
          en: 'torch.Size([1, 16, 1, 1]); the reporter already had drop_last=True, which helps only with the DataLoader’s last batch',
        },
      ],
    ])}
    <h3>${lang === 'zh' ? '3. momentum 的两种约定' : '3. Momentum means opposite things'}</h3>
    ${
      lang === 'zh'
        ? html`<p>
            PyTorch 的 momentum 是新批次的权重，Keras（TensorFlow）的 momentum
            是旧平均值的权重，所以 PyTorch 的 m 等于 Keras 的 1 − m：Keras 的默认 0.99 是 PyTorch 的
            0.01，PyTorch 的默认 0.1 是 Keras 的 0.9。把 Keras 的 0.99 原样写进
            PyTorch，每个新批次的权重就从 0.01 变成 0.99，大了 99 倍。
          </p>`
        : html`<p>
            PyTorch’s momentum weighs the new batch, Keras’s (TensorFlow’s) the old average, so
            PyTorch’s m is Keras’s 1 − m: Keras’s default 0.99 is PyTorch’s 0.01, and PyTorch’s
            default 0.1 is Keras’s 0.9. Copy Keras’s 0.99 into PyTorch as is and each new batch
            weighs 0.99 instead of 0.01, 99 times more.
          </p>`
    }
    <bn-momentum-convert state-key="pitfalls.momentum"></bn-momentum-convert>
    ${wild(lang, [
      [
        'pytorch/vision',
        issue(8250),
        {
          zh: 'MaxViT 的 BatchNorm2d 写成了 0.99，#8312 改为 0.01',
          en: 'MaxViT’s BatchNorm2d had 0.99, changed to 0.01 in #8312',
        },
      ],
      [
        'huggingface/transformers',
        pull(19454),
        {
          zh: 'TensorFlow 模型的 momentum 改为 1 − PyTorch 的值',
          en: 'TF models’ momentum set to 1 − PyTorch’s',
        },
      ],
      [
        'pytorch/examples',
        issue(289),
        {
          zh: '“PyTorch 的 0.1 是不是 TF 的 0.9？”回答：是',
          en: '“is PyTorch’s 0.1 TF’s 0.9?”, answered yes',
        },
      ],
    ])}
  `,
};
