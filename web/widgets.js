// Entry of dist/normlab-widgets.js: one ES module that registers every NormLab widget, for blog
// posts: <script type="module" src="normlab-widgets.js"></script> <norm-playground ...>.
import.meta.glob('./widgets/*.js', { eager: true });
