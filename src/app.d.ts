/// <reference types="@sveltejs/kit" />
/// <reference types="vite-plugin-pwa/svelte" />
/// <reference types="vite-plugin-pwa/info" />
/// <reference types="vite-plugin-pwa/client" />

declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
    }
  }

  const __APP_VERSION__: string;
}

export {};
