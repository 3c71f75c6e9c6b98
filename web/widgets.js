// Entry of dist/normlab-widgets.js: one ES module that registers every NormLab widget, for blog
// posts: <script type="module" src="normlab-widgets.js"></script> <norm-playground ...>.
// A widget's file is named after its tag (widgets/norm-cube.js defines <norm-cube>).
const modules = import.meta.glob('./widgets/*.js', { eager: true });

export const WIDGET_TAGS = Object.keys(modules)
  .map((file) => file.replace(/^.*\/(.*)\.js$/, '$1'))
  .filter((tag) => customElements.get(tag));
