// Chapter 9: InstanceNorm and GroupNorm. IN from style transfer (per-image, per-channel statistics
// remove contrast), GN from small-batch training (batch statistics are noisy when the batch is
// small: borrow from channels instead). The cube shows IN's and GN's groups on an editable tensor,
// with a contrast tool; the chart shows the batch-size experiment computed in C++.
import { html } from 'lit';
import '../widgets/norm-cube/index.js';
import '../widgets/batch-spread/index.js';
import '../widgets/self-check/index.js';
import { inGnQuestion } from './lib/groups-questions.js';

// The Chinese prose is written one paragraph per line under this alias, which prettier does not
// rewrap: a line break between two Chinese characters would show as a space.
const cjk = html;

const inZh = () => cjk`
  <h3>InstanceNorm：来自风格迁移</h3>
  <p>InstanceNorm 最早用在快速风格迁移里（Ulyanov 等，2016）。一张图某个通道的均值相当于它在这个通道上的整体亮度，标准差相当于对比度。对<em>每张图的每个通道</em>单独减均值、除标准差，就去掉了这张内容图自己的亮度和对比度，生成网络只需要再画上目标风格（后来的 AdaIN 更进一步，直接把 γ、β 换成风格图的标准差和均值）。</p>
  <p>在下面的立方体里选中一个格子，再按“对比度 ×2”或“亮度 +1”：它们只改动所选样本的那一个通道。在 InstanceNorm 下，这些元素的输出几乎不变（只差 ε 带来的极小量）；切换到 BatchNorm 再试，输出就会明显改变，因为 BN 的均值混入了其他样本。PyTorch 的 InstanceNorm 默认 affine=False、track_running_stats=False，所以训练和推理都用每张图自己的统计量。</p>
`;

const inEn = () => html`
  <h3>InstanceNorm: from style transfer</h3>
  <p>
    InstanceNorm first appeared in fast style transfer (Ulyanov et al., 2016). The mean of one
    channel of one image is that image's overall brightness in the channel, its standard deviation
    the contrast. Normalizing <em>each channel of each image</em> on its own removes the content
    image's own brightness and contrast, so the generator only has to paint the target style back in
    (AdaIN later went further and set γ and β to the style image's standard deviation and mean).
  </p>
  <p>
    Pick a cell in the cube below, then press “Contrast ×2” or “Brightness +1”: they change only the
    picked sample's channel. Under InstanceNorm the outputs of those elements barely move (by a tiny
    amount due to ε); switch to BatchNorm and try again, and they do move, because BN's mean mixes
    in the other samples. PyTorch's InstanceNorm defaults to affine=False and
    track_running_stats=False, so it uses each image's own statistics in training and in eval.
  </p>
`;

const gnZh = () => cjk`
  <h3>GroupNorm：数据不够，从通道借</h3>
  <p>GroupNorm 来自小批量训练（Wu 和 He，2018）。目标检测、分割、视频这类任务的输入很大，每张 GPU 上往往只放得下 1 到 2 张图。这时 BatchNorm 的均值只是很少几个样本的平均，噪声很大；而推理时 BN 用的是训练中累积的滑动平均，训练和推理看到的统计量差得很远，批越小，模型的误差上升得越明显。</p>
  <p>GroupNorm 的办法是“数据不够，从通道借”：不在批次维度上凑数，而是把每个样本的通道分成 G 组（论文默认 32 组），在一组的 (C/G)·H·W 个数上求统计量。它完全不看批里的其他样本，所以与批大小无关，训练和推理的计算完全一样，也不需要滑动平均。</p>
  <p>下面的实验在 C++ 里完成：从一个固定的、带随机种子的数据集（512 个样本，C = 8 个通道，每个通道 16 个位置，每个样本在每个通道上有自己的整体水平）中，对每种批大小 B 随机抽 K 个批次，分别送进库里的 BatchNorm1d 和 GroupNorm，记下每个样本被归一化时用的均值，再算它在批次之间的标准差。BN 的曲线大约按 1/√B 下降：批越小，均值越不稳定。GN 的曲线是平的：它的均值只取决于样本本身，它的“波动”只是样本之间本来的差异，训练和推理时完全一样，并不是抽样噪声。</p>
`;

const gnEn = () => html`
  <h3>GroupNorm: not enough data, borrow from channels</h3>
  <p>
    GroupNorm comes from small-batch training (Wu and He, 2018). Detection, segmentation and video
    models take large inputs, and often only one or two images fit on a GPU. BatchNorm's mean is
    then an average over very few samples: it is noisy, and at inference BN uses the running
    averages collected in training, so training and inference see quite different statistics. The
    error grows quickly as the batch shrinks.
  </p>
  <p>
    GroupNorm's answer: not enough data, borrow from channels. Instead of pooling over the batch, it
    splits each sample's channels into G groups (32 in the paper) and takes the statistics over the
    (C/G)·H·W numbers of a group. It never looks at the other samples, so it does not depend on the
    batch size, computes the same thing in training and in inference, and needs no running averages.
  </p>
  <p>
    The experiment below runs in C++: from a fixed, seeded dataset (512 samples, C = 8 channels of
    16 positions, each sample with its own level in each channel) it draws K random batches of each
    size B, runs the library's BatchNorm1d and GroupNorm on them, records the mean each sample was
    normalized with, and takes its standard deviation across the batches. BN's curve falls roughly
    as 1/√B: the smaller the batch, the shakier the mean. GN's curve is flat: its mean depends on
    the sample alone, so its spread is just how different the samples are, the same in training and
    in inference, not sampling noise.
  </p>
`;

const tipsZh = () => cjk`
  <h3>小结</h3>
  <ul>
    <li>IN 与 GroupNorm(C, C)（每组一个通道）的统计量相同，参数却不同：GroupNorm 默认有 2C 个，InstanceNorm 默认没有。IN 去掉每张图每个通道的亮度和对比度，常用于风格迁移和图像生成。</li>
    <li>GN：在每个样本内按通道分组，与批大小无关，常用于每张 GPU 只有 1–2 张图的检测、分割和视频任务。</li>
    <li>BN 在批足够大时效果好，推理时还能折叠进卷积；批太小时统计量噪声大，训练和推理不一致。</li>
  </ul>
`;

const tipsEn = () => html`
  <h3>Summary</h3>
  <ul>
    <li>
      IN has the same statistics as GroupNorm(C, C), one channel per group, but not its parameters:
      GroupNorm has 2C by default, InstanceNorm none. IN removes each image's per-channel brightness
      and contrast; used in style transfer and image generation.
    </li>
    <li>
      GN: channels grouped within each sample, independent of the batch size; used in detection,
      segmentation and video where a GPU holds one or two images.
    </li>
    <li>
      BN works well with large batches and folds into the convolution at inference; with small
      batches its statistics are noisy and training and inference disagree.
    </li>
  </ul>
`;

export default {
  id: 'in-gn',
  title: { zh: 'IN 和 GN', en: 'InstanceNorm and GroupNorm' },
  render: ({ lang }) => html`
    ${lang === 'zh' ? inZh() : inEn()}
    <norm-cube
      state-key="in-gn.cube"
      kind="instance"
      shape="2,4,3,3"
      groups="2"
      contrast-tool
    ></norm-cube>
    ${lang === 'zh' ? gnZh() : gnEn()}
    <batch-spread state-key="in-gn.spread"></batch-spread>
    <self-check .generate=${inGnQuestion}></self-check>
    ${lang === 'zh' ? tipsZh() : tipsEn()}
  `,
};
