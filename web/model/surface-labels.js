// The optimizer race's loss surfaces as readers see them named, by the engine's surface name
// (cpp/src/demos/surfaces.cpp has the math, the page has the words).
export const SURFACE_LABELS = {
  bowl: { zh: '病态的二次碗', en: 'Ill-conditioned bowl' },
  rosenbrock: { zh: 'Rosenbrock 香蕉谷', en: 'Rosenbrock valley' },
  saddle: { zh: '鞍点', en: 'Saddle point' },
  bowl_l2: {
    zh: '两种梯度尺度：Adam 与 AdamW 的权重衰减',
    en: 'Two gradient scales: weight decay in Adam vs AdamW',
  },
};
