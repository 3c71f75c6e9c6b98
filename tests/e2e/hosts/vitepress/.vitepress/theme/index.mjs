// The widgets define custom elements, which only a browser can: import them there, not in SSR.
import DefaultTheme from 'vitepress/theme';

export default {
  extends: DefaultTheme,
  enhanceApp() {
    if (!import.meta.env.SSR) import('normlab/widgets');
  },
};
