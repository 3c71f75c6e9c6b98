// Chapter 8: why normalize at all. A deep stack of random linear layers: without a norm the values
// grow or shrink layer by layer, with BatchNorm or LayerNorm after each layer they do not.
import { html } from 'lit';
import '../widgets/deep-stack/index.js';
import '../widgets/self-check/index.js';
import { whyNormalizeQuestion } from './dynamics-questions.js';

export default {
  id: 'why-normalize',
  title: {
    zh: '为什么要归一化：内部协变量偏移',
    en: 'Why normalize at all: internal covariate shift',
  },
  render: ({ lang }) => html`
    ${
      lang === 'zh'
        ? html`<p>
              提出 BatchNorm 的论文（Ioffe 与
              Szegedy，2015）把问题叫作<strong>内部协变量偏移</strong>：训练时前面各层的参数在变，后面每一层看到的输入分布也跟着变，后面的层只能不停地追赶一个移动的目标。
            </p>
            <p>
              还有一个更直观的原因：深层网络是一连串矩阵乘法。如果每一层大致把数值的尺度乘以 g，那么
              L 层之后就是 g<sup>L</sup>： g 稍大于 1，数值就会爆炸；稍小于
              1，就会消失。梯度反向传播时也经历同样的连乘。在每层之后做归一化，就把每一层的输入重新拉回均值
              0、方差 1，再交给可学习的 γ、β 去调整。
            </p>
            <p>
              下面是一个由随机线性层堆成的网络，权重 W ~ N(0, g²/宽度)。C++
              内核抽取权重、逐层前向传播（BN 和 LN
              用的就是本项目的归一化内核），并返回每一层数值的直方图、均值和标准差。试试：g = 1.5 或
              0.5、不加归一化，看直方图逐层变宽或缩成一条线（落到范围外的数显示为两侧的红色柱）；换成
              tanh 并把 g 调到 3，看数值堆积在 ±1 （饱和，梯度几乎为 0）；换成 ReLU 且 g =
              1，每层的均方值减半、尺度缩小为 1/√2——这正是 He 初始化取 g = √2 的原因。再选 BatchNorm
              或 LayerNorm：无论 g
              和层数是多少，数值的尺度都不再逐层变化。不加激活函数时每一层的标准差都是
              1；加了激活函数，就是激活函数对均值 0、方差 1 的输入所给出的值：tanh 约为 0.63，ReLU
              约为 0.58（ReLU 配 LayerNorm 时逐层在 0.5 到 0.65 之间摆动）。
            </p>`
        : html`<p>
              The paper that introduced BatchNorm (Ioffe and Szegedy, 2015) called the problem
              <strong>internal covariate shift</strong>: while the network trains, the parameters of
              the earlier layers change, so the distribution of every later layer's input keeps
              moving, and the later layers keep chasing a moving target.
            </p>
            <p>
              There is an even plainer reason. A deep network is a chain of matrix products. If each
              layer multiplies the scale of the values by about g, then after L layers it is
              g<sup>L</sup>: a g slightly above 1 makes the values explode, slightly below 1 makes
              them vanish, and the gradients flowing back go through the same chain. A norm after
              every layer brings each layer's input back to mean 0 and variance 1, and leaves the
              learnable γ and β to rescale it.
            </p>
            <p>
              Below is a stack of random linear layers with weights W ~ N(0, g²/width). The C++
              engine draws the weights, runs the forward pass layer by layer (BN and LN through this
              project's own norm kernels) and returns each layer's histogram, mean and standard
              deviation. Try g = 1.5 or 0.5 without a norm and watch the histograms widen or
              collapse layer by layer (values beyond the range show as the red bars at the sides);
              switch to tanh with g = 3 and watch the values pile up at ±1 (saturated, with almost
              no gradient); ReLU with g = 1 halves the mean square at every layer (the scale shrinks
              by √2), which is why He initialization uses g = √2. Then pick BatchNorm or LayerNorm:
              whatever g and the depth, the scale no longer changes from layer to layer. Without an
              activation every layer's standard deviation is 1; with one, it is what the activation
              makes of inputs with mean 0 and variance 1: about 0.63 for tanh and about 0.58 for
              ReLU (with ReLU and LayerNorm it wanders between 0.5 and 0.65 from layer to layer).
            </p>`
    }
    <deep-stack state-key="why-normalize.stack"></deep-stack>
    ${
      lang === 'zh'
        ? html`<p>
            面试补充：后来的研究（Santurkar 等，2018）发现，BN
            的好处未必主要来自减少“协变量偏移”，更重要的是它让损失曲面更平滑、梯度更可预测，因此可以用更大的学习率、对初始化更不敏感。两种解释都值得知道；上面的实验展示的是其中最直接的一点：归一化让深层网络的数值尺度不再随层数失控。
          </p>`
        : html`<p>
            For interviews: later work (Santurkar et al., 2018) found that BN's benefit may come
            less from reducing covariate shift than from making the loss landscape smoother and the
            gradients more predictable, which allows larger learning rates and less careful
            initialization. Both views are worth knowing; the experiment above shows the most direct
            effect: with a norm, the scale of the values no longer runs away with depth.
          </p>`
    }
    <self-check .generate=${whyNormalizeQuestion}></self-check>
  `,
};
