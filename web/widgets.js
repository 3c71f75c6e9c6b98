// Entry of dist/normlab-widgets.js: one ES module that registers every NormLab widget, for blog
// posts: <script type="module" src="normlab-widgets.js"></script> <norm-playground ...>.
// A widget's folder is named after its tag (widgets/norm-cube/index.js defines <norm-cube>); a
// widget not yet in a folder of its own is one file named after its tag (widgets/norm-cube.js).
const modules = import.meta.glob(['./widgets/*.js', './widgets/*/index.js'], { eager: true });

export const WIDGET_TAGS = Object.keys(modules)
  .map((file) => file.replace(/^\.\/widgets\/([^/]+?)(\/index)?\.js$/, '$1'))
  .filter((tag) => customElements.get(tag));
