import type { ManifestOptions } from 'vite-plugin-pwa';
import { SHARE_ACTION, SHARE_FIELD } from './share-inbox.ts';

export const APP_NAME = 'Image Studio';
export const THEME_COLOR = '#4f46e5';

export const webManifest: Partial<ManifestOptions> = {
  name: APP_NAME,
  short_name: APP_NAME,
  description:
    'Make social-media visuals on your device: crop, resize, optimise, generate and organise images.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  background_color: '#0f172a',
  theme_color: THEME_COLOR,
  categories: ['photo', 'productivity', 'graphics'],
  // "Share → Image Studio" from a phone's gallery: the service worker receives the POST (static/share-target.js).
  share_target: {
    action: SHARE_ACTION,
    method: 'POST',
    enctype: 'multipart/form-data',
    params: {
      files: [
        {
          name: SHARE_FIELD,
          accept: [
            'image/*',
            '.jpg',
            '.jpeg',
            '.png',
            '.webp',
            '.avif',
            '.gif',
            '.heic',
            '.heif',
            '.tif',
            '.tiff'
          ]
        }
      ]
    }
  },
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
  ]
};
