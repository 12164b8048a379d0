// A static SPA: every page renders in the browser, from the 200.html fallback the proxy serves.
export const ssr = false;
export const prerender = false;
