// The reader's language (zh or en) through @lit/context instead of a `.lang=${lang}` on every
// element: the page provides it (providePageLang in app.js, docs.js, embed.js), and each widget's
// LangController takes it from the nearest provider above and provides its own language to the
// elements it renders (a tensor editor inside a widget follows that widget). A widget with a `lang`
// attribute keeps it (an embedder's choice), and one with no provider above (a widget in a blog
// post) keeps its own `lang` property: the attribute API for embedders is unchanged.
import { createContext, ContextProvider, ContextConsumer } from '@lit/context';

/** The language context: 'zh' or 'en'. */
export const langContext = createContext(Symbol.for('normlab.lang'));

/**
 * A widget's language: `new LangController(this)` in the constructor, after its `lang` default.
 * The widget goes on reading `this.lang`; the controller sets it from the context.
 */
export class LangController {
  #host;
  #provider;

  /** @param {import('lit').ReactiveControllerHost & HTMLElement & {lang: string}} host */
  constructor(host) {
    this.#host = host;
    this.#provider = new ContextProvider(host, { context: langContext, initialValue: host.lang });
    new ContextConsumer(host, {
      context: langContext,
      subscribe: true,
      callback: (lang) => {
        // an element's own lang attribute wins: an embedder wrote it
        if (lang && !host.hasAttribute('lang') && host.lang !== lang) host.lang = lang;
      },
    });
    host.addController(this);
  }

  /** Before each render: the elements below follow this widget's language. */
  hostUpdate() {
    if (this.#provider.value !== this.#host.lang) this.#provider.setValue(this.#host.lang);
  }
}

/**
 * The page's provider, on a plain element or a Lit element (the page shell): returns
 * `set(lang)` for the language switch.
 */
export function providePageLang(element, lang) {
  const provider = new ContextProvider(element, { context: langContext, initialValue: lang });
  return (next) => provider.setValue(next);
}
