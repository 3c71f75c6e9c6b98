// Chapter 6: train vs eval. BatchNorm normalizes with the batch's statistics in training and keeps
// running averages of them for eval; LayerNorm has nothing to keep, so both modes agree.
import { html } from 'lit';
import '../widgets/bn-stepper/index.js';
import '../widgets/train-eval-grid/index.js';
import '../widgets/self-check/index.js';
import { trainEvalQuestion } from './dynamics-questions.js';

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
              BatchNorm
              的均值和方差来自<strong>整个批次</strong>：训练时，每个通道都用当前批次里这个通道的所有数来算。这带来一个问题：部署时往往一次只来一个样本，而我们也不希望一个样本的输出取决于同一批里碰巧还有谁。所以
              BN 在训练时顺手记下统计量的滑动平均，评估（推理）时就改用这些记下的数。
            </p>
            <p>训练模式下，每处理一个批次，BN 做两件事：</p>
            <ol>
              <li>用这个批次的均值和<strong>有偏</strong>方差（除以 n）归一化这个批次；</li>
              <li>
                更新缓冲区：running = (1 − momentum) · running + momentum · 批次统计量，momentum
                默认 0.1。注意 running_var 用的是<strong>无偏</strong>方差（除以 n −
                1）：它要估计的是整个数据分布的方差，而不是这几个数自己的方差。
              </li>
            </ol>
            <p>
              momentum=None 时不再用固定的权重，而是做累计平均：第 k 个批次的权重是 1/k，
              num_batches_tracked 就是这个 k。track_running_stats=False
              时模块根本没有这些缓冲区，评估模式也只能用批次统计量。
            </p>
            <p>
              下面是一个
              BatchNorm1d(3)。每个通道的数据都来自一个固定的分布，点“训练一步”或“播放”，看
              running_mean 和 running_var 一步步靠近真实的均值和方差；改 momentum
              看收敛快慢的变化。表格里有偏、无偏两种方差都由 C++
              内核给出。最后切到评估模式，单独归一化一个样本。
            </p>`
        : html`<p>
              BatchNorm takes its mean and variance from the <strong>whole batch</strong>: in
              training, each channel is normalized with the statistics of that channel over every
              sample in the batch. That is a problem at inference time, when samples often arrive
              one at a time, and we would not want one sample's output to depend on whichever other
              samples happen to share its batch. So while training, BN also keeps moving averages of
              the statistics, and in eval mode it normalizes with those instead.
            </p>
            <p>In training mode, every batch makes BN do two things:</p>
            <ol>
              <li>
                normalize the batch with its own mean and <strong>biased</strong> variance (divide
                by n);
              </li>
              <li>
                update its buffers: running = (1 − momentum) · running + momentum · batch statistic,
                with momentum 0.1 by default. running_var takes the
                <strong>unbiased</strong> variance (divide by n − 1): it estimates the variance of
                the data distribution, not of these n numbers.
              </li>
            </ol>
            <p>
              With momentum=None the weight is no longer fixed: the running values are a cumulative
              average, batch k weighted 1/k, and num_batches_tracked is that k. With
              track_running_stats=False the module has no such buffers at all, and eval mode has to
              use the batch statistics as well.
            </p>
            <p>
              Below is a BatchNorm1d(3) whose channels are drawn from fixed distributions. Press
              “Train one step” or “Play” and watch running_mean and running_var approach the true
              mean and variance; change momentum to see the convergence speed change. The table
              shows both variances, biased and unbiased, as the C++ kernels compute them. Then
              switch to eval and normalize one sample on its own.
            </p>`
    }
    <bn-stepper state-key="train-eval.stepper"></bn-stepper>
    ${
      lang === 'zh'
        ? html`<p>
            LayerNorm
            则完全不同：它的均值和方差来自<strong>每个样本自己</strong>的特征，与批次里的其他样本无关，所以没有什么需要记住的——LN
            没有任何缓冲区，训练和评估做的是同一件事，输出逐位相同。下面用同一个输入 x
            对比四种情况（每次都是新建的模块）。把批大小改成 1 试试：这里的输入形状是 (N, C)，N = 1
            时每个通道只剩一个数，BN 在训练模式下会报错，LN 照常工作。BatchNorm2d 在 N = 1 时只要
            H·W > 1 仍然可以训练：规则是每个通道要有不止一个数（第 7 章还会讲到）。
          </p>`
        : html`<p>
            LayerNorm is different: its mean and variance come from
            <strong>each sample's own</strong>
            features and ignore the rest of the batch, so there is nothing to remember. LN has no
            buffers at all; train and eval do the same thing and give the same output, bit for bit.
            Below, one input x goes through all four combinations (fresh modules each time). Set the
            batch size to 1: this input is (N, C), so each channel is left with a single value and
            BN refuses to train, while LN does not mind. BatchNorm2d still trains with N = 1 when
            H·W > 1: the rule is more than one value per channel (chapter 7 comes back to it).
          </p>`
    }
    <train-eval-grid state-key="train-eval.grid" shape="4,3"></train-eval-grid>
    ${
      lang === 'zh'
        ? html`<p>
            面试常问：<strong>为什么归一化用有偏方差，running_var 却用无偏方差？</strong>
            归一化要让这批数本身变成方差 1，它们自己的方差就是除以 n 的那个；running_var
            则是在用一个个小批次估计总体方差，除以 n − 1 才是无偏估计。批次越小，两者差得越多：n = 2
            时差一倍。
          </p>`
        : html`<p>
            A classic interview question:
            <strong
              >why does normalization use the biased variance and running_var the unbiased
              one?</strong
            >
            Normalizing should give these very values variance 1, and their own variance is the one
            divided by n; running_var estimates the population variance from small samples, and
            dividing by n − 1 makes that estimate unbiased. The smaller the batch, the bigger the
            gap: at n = 2 it is a factor of two.
          </p>`
    }
    <self-check .generate=${trainEvalQuestion}></self-check>
  `,
};
