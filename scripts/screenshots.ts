import { mkdirSync } from 'node:fs';
import { launchChromium } from '../tests/support/chromium';

/** Screenshots every page at phone and desktop size, light and dark: `tsx scripts/screenshots.ts [url] [out]`. */
const base = process.argv[2] ?? 'http://localhost:8787';
const out = process.argv[3] ?? 'test-results/screenshots';
const pages = (
  process.env.PAGES ?? '/,/social,/create,/edit,/upscale,/transform,/control,/batch,/library,/settings'
).split(',');
const viewports = [
  { name: 'phone', width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: 'desktop', width: 1440, height: 900, isMobile: false, hasTouch: false }
];

mkdirSync(out, { recursive: true });
const browser = await launchChromium();
for (const viewport of viewports) {
  for (const scheme of (process.env.SCHEMES ?? 'light,dark').split(',') as ('light' | 'dark')[]) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      isMobile: viewport.isMobile,
      hasTouch: viewport.hasTouch,
      colorScheme: scheme,
      deviceScaleFactor: 1
    });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(base + path, { waitUntil: 'networkidle' });
      const name = `${out}/${viewport.name}-${scheme}${path === '/' ? '-home' : path.replaceAll('/', '-')}.png`;
      await page.screenshot({ path: name, fullPage: process.env.FULL === '1' });
      console.log(name);
    }
    await context.close();
  }
}
await browser.close();
