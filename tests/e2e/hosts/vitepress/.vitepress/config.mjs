// VitePress compiles unknown tags as Vue components: the NormLab tags are custom elements.
import { isNormLabTag } from 'normlab/tags';

export default {
  title: 'NormLab in VitePress',
  vue: { template: { compilerOptions: { isCustomElement: isNormLabTag } } },
};
