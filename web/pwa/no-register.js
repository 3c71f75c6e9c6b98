// What 'normlab-pwa' is outside the hosted site's build (vite.config.js): nothing. The offline
// single file opens from file://, where a service worker cannot be registered, and the widget
// bundles run on other people's sites, where NormLab must not install one.
export {};
