import { z } from 'zod';
import { PlatformPresetSchema, type PlatformPresetInput, type OverlayRegion } from './schema';

/**
 * Every built-in preset, as data. Facts come from the guides named in each `source` (collected in
 * design/platform-specs.md); where guides disagree the stricter (larger) margins are used.
 */
const CHECKED = '2026-11-25';
const none = { top: 0, right: 0, bottom: 0, left: 0 };

/** Meta unified Stories and Reels on the Reels zone in March 2026: top 14 %, bottom 35 %, sides 6 %. */
const metaVerticalSafe = { top: 0.14, right: 0.06, bottom: 0.35, left: 0.06 };
const metaVerticalOverlays: OverlayRegion[] = [
  {
    name: 'profile bar',
    rect: { x: 0, y: 0, width: 1, height: 0.14 },
    why: 'Account name, close and progress bar'
  },
  {
    name: 'caption',
    rect: { x: 0, y: 0.65, width: 0.85, height: 0.35 },
    why: 'Caption, audio and reply field'
  },
  {
    name: 'buttons',
    rect: { x: 0.85, y: 0.45, width: 0.15, height: 0.55 },
    why: 'Like, comment and share column'
  }
];
const metaVerticalSource =
  'Reels/Stories zone: behaviour.digital, primores.org, smartmetrics.com, mediamaxnetwork.com (design/platform-specs.md)';

/** The Instagram profile grid shows every post as a centred 3:4 thumbnail. */
const gridSides = (sideFraction: number): OverlayRegion[] => [
  {
    name: 'grid crop left',
    rect: { x: 0, y: 0, width: sideFraction, height: 1 },
    why: 'Cut from the 3:4 profile grid'
  },
  {
    name: 'grid crop right',
    rect: { x: 1 - sideFraction, y: 0, width: sideFraction, height: 1 },
    why: 'Cut from the 3:4 profile grid'
  }
];

const vertical = (
  id: string,
  platform: PlatformPresetInput['platform'],
  label: string,
  extra: Partial<PlatformPresetInput> = {}
): PlatformPresetInput => ({
  id,
  platform,
  label,
  width: 1080,
  height: 1920,
  safe: metaVerticalSafe,
  overlays: metaVerticalOverlays,
  formats: ['jpeg', 'png'],
  source: metaVerticalSource,
  checkedAt: CHECKED,
  ...extra
});

const MB = 1024 * 1024;

const data: PlatformPresetInput[] = [
  // Instagram: 30 MB per photo upload; the profile grid shows 3:4 since 2025.
  {
    id: 'instagram-square',
    platform: 'instagram',
    label: 'Instagram square post',
    width: 1080,
    height: 1080,
    safe: none,
    overlays: gridSides(0.125),
    maxBytes: 30 * MB,
    formats: ['jpeg', 'png'],
    source: 'pineable.com, smartmetrics.com: 1080×1080; the 3:4 grid shows the centre 810×1080',
    checkedAt: CHECKED
  },
  {
    id: 'instagram-portrait',
    platform: 'instagram',
    label: 'Instagram portrait post (4:5)',
    width: 1080,
    height: 1350,
    safe: none,
    overlays: gridSides(34 / 1080),
    maxBytes: 30 * MB,
    formats: ['jpeg', 'png'],
    source:
      'imagefactory.co.kr, smartmetrics.com: 1080×1350, 4:5 is the tallest; grid 3:4 cuts 34 px per side',
    checkedAt: CHECKED
  },
  {
    id: 'instagram-landscape',
    platform: 'instagram',
    label: 'Instagram landscape post',
    width: 1080,
    height: 566,
    safe: none,
    maxBytes: 30 * MB,
    formats: ['jpeg', 'png'],
    source: 'socialk.it, picovert.com: 1080×566 (1.91:1)',
    checkedAt: CHECKED
  },
  {
    id: 'instagram-grid',
    platform: 'instagram',
    label: 'Instagram grid-native post (3:4)',
    width: 1080,
    height: 1440,
    safe: none,
    maxBytes: 30 * MB,
    formats: ['jpeg', 'png'],
    source: 'ezugc.ai (citing HubSpot), pineable.com: grid thumbnails are 3:4 since 2025',
    checkedAt: CHECKED
  },
  vertical('instagram-story', 'instagram', 'Instagram story', { maxBytes: 30 * MB }),
  vertical('instagram-reel-cover', 'instagram', 'Instagram reel cover', {
    maxBytes: 30 * MB,
    overlays: [
      ...metaVerticalOverlays,
      {
        name: 'grid crop top',
        rect: { x: 0, y: 0, width: 1, height: 0.125 },
        why: 'The grid shows the centre 1080×1440'
      },
      {
        name: 'grid crop bottom',
        rect: { x: 0, y: 0.875, width: 1, height: 0.125 },
        why: 'The grid shows the centre 1080×1440'
      }
    ],
    source: `${metaVerticalSource}; a reel cover shows the centre 1080×1440 in the grid`
  }),
  {
    id: 'instagram-profile',
    platform: 'instagram',
    label: 'Instagram profile picture',
    width: 320,
    height: 320,
    // Shown as a circle: the square's corners are lost, so keep the subject inside the inscribed circle's square.
    safe: { top: 0.146, right: 0.146, bottom: 0.146, left: 0.146 },
    formats: ['jpeg', 'png'],
    source: 'Instagram profile photo 320×320 shown as a circle (picturesizes.com, spec.social)',
    checkedAt: CHECKED
  },

  // Facebook
  {
    id: 'facebook-feed',
    platform: 'facebook',
    label: 'Facebook feed post (4:5)',
    width: 1080,
    height: 1350,
    safe: none,
    maxBytes: 30 * MB,
    formats: ['jpeg', 'png'],
    source: 'primores.org, spec.social: 1080×1350 is the default feed ratio',
    checkedAt: CHECKED
  },
  {
    id: 'facebook-square',
    platform: 'facebook',
    label: 'Facebook square post',
    width: 1080,
    height: 1080,
    safe: none,
    maxBytes: 30 * MB,
    formats: ['jpeg', 'png'],
    source: 'primores.org, spec.social: 1080×1080',
    checkedAt: CHECKED
  },
  {
    id: 'facebook-link',
    platform: 'facebook',
    label: 'Facebook link image',
    width: 1200,
    height: 628,
    safe: none,
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'primores.org, spec.social: link image 1200×628 (1.91:1)',
    checkedAt: CHECKED
  },
  vertical('facebook-story', 'facebook', 'Facebook story', { maxBytes: 30 * MB }),
  {
    id: 'facebook-cover',
    platform: 'facebook',
    label: 'Facebook page cover',
    width: 851,
    height: 315,
    // Desktop shows 820×312 and mobile 640×360 of it: only the centre ≈560×315 is seen everywhere.
    safe: { top: 0, right: 0.171, bottom: 0, left: 0.171 },
    maxBytes: 100 * 1024,
    formats: ['jpeg', 'png'],
    source:
      'braveriver.com, spec.social: 851×315, centre 560×315 seen on all devices; sRGB JPEG under 100 KB loads fastest',
    checkedAt: CHECKED
  },
  {
    id: 'facebook-event-cover',
    platform: 'facebook',
    label: 'Facebook event cover',
    width: 1920,
    height: 1005,
    safe: { top: 0, right: 0.05, bottom: 0, left: 0.05 },
    formats: ['jpeg', 'png'],
    source: 'Facebook event cover 1920×1005 (spec.social, picturesizes.com)',
    checkedAt: CHECKED
  },

  // LinkedIn: 8 MB per image.
  {
    id: 'linkedin-post',
    platform: 'linkedin',
    label: 'LinkedIn landscape post',
    width: 1200,
    height: 627,
    safe: none,
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'schedulala.com, picturesizes.com: 1200×627 (1.91:1), ≤ 8 MB',
    checkedAt: CHECKED
  },
  {
    id: 'linkedin-square',
    platform: 'linkedin',
    label: 'LinkedIn square post',
    width: 1200,
    height: 1200,
    safe: none,
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'schedulala.com, picturesizes.com: 1080×1080 or 1200×1200, ≤ 8 MB',
    checkedAt: CHECKED
  },
  {
    id: 'linkedin-portrait',
    platform: 'linkedin',
    label: 'LinkedIn portrait post (4:5)',
    width: 1080,
    height: 1350,
    safe: none,
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'schedulala.com, picturesizes.com: 1080×1350, ≤ 8 MB',
    checkedAt: CHECKED
  },
  {
    id: 'linkedin-article-cover',
    platform: 'linkedin',
    label: 'LinkedIn article / newsletter cover',
    width: 1920,
    height: 1080,
    safe: { top: 0.05, right: 0.05, bottom: 0.05, left: 0.05 },
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'LinkedIn article cover 1920×1080 (picturesizes.com, schedulala.com)',
    checkedAt: CHECKED
  },
  {
    id: 'linkedin-banner',
    platform: 'linkedin',
    label: 'LinkedIn personal banner',
    width: 1584,
    height: 396,
    safe: none,
    overlays: [
      {
        name: 'profile photo',
        rect: { x: 0, y: 0.33, width: 0.33, height: 0.67 },
        why: 'The profile photo covers the lower left on desktop'
      }
    ],
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'wikiplus, so-me.studio: 1584×396; key content in the right two-thirds / upper two-thirds',
    checkedAt: CHECKED
  },
  {
    id: 'linkedin-company-cover',
    platform: 'linkedin',
    label: 'LinkedIn company page cover',
    width: 1128,
    height: 191,
    safe: none,
    overlays: [
      {
        name: 'logo',
        rect: { x: 0.02, y: 0.4, width: 0.17, height: 0.6 },
        why: 'The company logo overlaps the lower left'
      }
    ],
    maxBytes: 8 * MB,
    formats: ['jpeg', 'png'],
    source: 'schedulala.com: 1128×191, logo 300×300 over the lower left',
    checkedAt: CHECKED
  },

  // X: 5 MB on mobile, 15 MB on the web; the smaller limit wins.
  {
    id: 'x-post',
    platform: 'x',
    label: 'X post (16:9)',
    width: 1600,
    height: 900,
    safe: none,
    maxBytes: 5 * MB,
    formats: ['jpeg', 'png', 'webp'],
    source: 'posteverywhere.ai, imagesizetool.com: 1600×900 shown uncropped; ≤ 5 MB mobile / 15 MB web',
    checkedAt: CHECKED
  },
  {
    id: 'x-post-portrait',
    platform: 'x',
    label: 'X post (4:5)',
    width: 1080,
    height: 1350,
    safe: none,
    maxBytes: 5 * MB,
    formats: ['jpeg', 'png', 'webp'],
    source: 'posteverywhere.ai, imagesizetool.com: 4:5 and 1:1 accepted',
    checkedAt: CHECKED
  },
  {
    id: 'x-header',
    platform: 'x',
    label: 'X header',
    width: 1500,
    height: 500,
    // Mobile crops the sides to the centre ≈1200×500.
    safe: { top: 0, right: 0.1, bottom: 0, left: 0.1 },
    overlays: [
      {
        name: 'profile photo',
        rect: { x: 0.02, y: 0.6, width: 0.23, height: 0.4 },
        why: 'The profile photo overlaps the bottom left'
      }
    ],
    maxBytes: 5 * MB,
    formats: ['jpeg', 'png'],
    source:
      'picovert.com, so-me.studio: 1500×500; photo over the bottom left, mobile shows the centre 1200×500',
    checkedAt: CHECKED
  },

  // YouTube
  {
    id: 'youtube-thumbnail',
    platform: 'youtube',
    label: 'YouTube thumbnail',
    width: 1280,
    height: 720,
    safe: none,
    overlays: [
      {
        name: 'duration badge',
        rect: { x: 0.8, y: 0.85, width: 0.2, height: 0.15 },
        why: 'The video length is printed over the lower right'
      }
    ],
    maxBytes: 2 * MB,
    formats: ['jpeg', 'png'],
    source: 'YouTube help as quoted by simonwebdesign.com, jnrt.online: 1280×720, ≤ 2 MB, JPG/GIF/PNG/BMP',
    checkedAt: CHECKED
  },
  {
    id: 'youtube-banner',
    platform: 'youtube',
    label: 'YouTube channel banner',
    width: 2560,
    height: 1440,
    // Seen on every device: the centred 1546×423 (x 507–2053, y 508–931); TVs show the full frame.
    safe: { top: 508 / 1440, right: 507 / 2560, bottom: 509 / 1440, left: 507 / 2560 },
    maxBytes: 6 * MB,
    formats: ['jpeg', 'png'],
    source:
      'YouTube template as quoted by blog.textureweb.com, picovert.com, xrsave.com: 2560×1440, safe 1546×423',
    checkedAt: CHECKED
  },
  vertical('youtube-shorts', 'youtube', 'YouTube Shorts cover', {
    source: 'YouTube Shorts 1080×1920 with the same overlay problem as Reels; zone from behaviour.digital'
  }),

  // TikTok: the stricter guides' margins (top 250, right 170, bottom 484 of 1080×1920).
  {
    id: 'tiktok-cover',
    platform: 'tiktok',
    label: 'TikTok cover / in-feed',
    width: 1080,
    height: 1920,
    safe: { top: 250 / 1920, right: 170 / 1080, bottom: 484 / 1920, left: 40 / 1080 },
    overlays: [
      {
        name: 'top tabs',
        rect: { x: 0, y: 0, width: 1, height: 150 / 1920 },
        why: 'Following / For You tabs'
      },
      {
        name: 'action rail',
        rect: { x: 1 - 140 / 1080, y: 0.35, width: 140 / 1080, height: 0.5 },
        why: 'Avatar, like, comment, save and share buttons'
      },
      {
        name: 'caption and CTA',
        rect: { x: 0, y: 1 - 484 / 1920, width: 1 - 140 / 1080, height: 484 / 1920 },
        why: 'Account name, caption, sound and call to action'
      }
    ],
    formats: ['jpeg', 'png'],
    source:
      'TikTok creative-spec notes, adfuseai.com, socaptions.com: box x 40–940, y 150–1470; stricter top 250, bottom 484, right 170',
    checkedAt: CHECKED
  },

  // Pinterest: 20 MB per image.
  {
    id: 'pinterest-pin',
    platform: 'pinterest',
    label: 'Pinterest pin (2:3)',
    width: 1000,
    height: 1500,
    safe: none,
    maxBytes: 20 * MB,
    formats: ['jpeg', 'png'],
    source: 'moda.app, opengraphplus.com: 1000×1500; taller than 1:2.1 is truncated; ≤ 20 MB',
    checkedAt: CHECKED
  },
  {
    id: 'pinterest-square',
    platform: 'pinterest',
    label: 'Pinterest square pin',
    width: 1000,
    height: 1000,
    safe: none,
    maxBytes: 20 * MB,
    formats: ['jpeg', 'png'],
    source: 'Pinterest square 1000×1000 (moda.app, picturesizes.com)',
    checkedAt: CHECKED
  },
  vertical('pinterest-story', 'pinterest', 'Pinterest idea / story pin', {
    maxBytes: 20 * MB,
    safe: { top: 0.14, right: 0.06, bottom: 0.2, left: 0.06 },
    overlays: [],
    source: 'postfa.st, moda.app: idea pins 1080×1920; keep the top 14 % and bottom 20 % clear'
  }),

  // Threads: a rounded card, so the outer 5 % may be clipped.
  ...(
    [
      ['threads-post', 'Threads post (4:5)', 1080, 1350],
      ['threads-square', 'Threads square post', 1080, 1080],
      ['threads-landscape', 'Threads landscape post', 1080, 566]
    ] as const
  ).map(([id, label, width, height]): PlatformPresetInput => ({
    id,
    platform: 'threads',
    label,
    width,
    height,
    safe: { top: 0.05, right: 0.05, bottom: 0.05, left: 0.05 },
    formats: ['jpeg', 'png'],
    source:
      'socialk.it, moda.app, picturesizes.com: 4:5, 1:1 and 1.91:1; rounded card, keep the outer 5 % clear',
    checkedAt: CHECKED
  })),

  // Other apps
  {
    id: 'bluesky-post',
    platform: 'bluesky',
    label: 'Bluesky post',
    width: 2000,
    height: 2000,
    safe: none,
    maxBytes: 1_000_000,
    formats: ['jpeg', 'png', 'webp'],
    source: 'Bluesky: 1:1 up to 2000 px, 1 MB upload limit (design/platform-specs.md)',
    checkedAt: CHECKED
  },
  vertical('snapchat-story', 'snapchat', 'Snapchat story', {
    safe: { top: 0.08, right: 0.06, bottom: 0.2, left: 0.06 },
    overlays: [],
    source: 'Snapchat 1080×1920 with a top bar and a bottom reply area (design/platform-specs.md)'
  }),
  vertical('whatsapp-status', 'whatsapp', 'WhatsApp status', {
    safe: { top: 0.1, right: 0.05, bottom: 0.15, left: 0.05 },
    overlays: [],
    source: 'WhatsApp status 1080×1920; name bar on top, reply field at the bottom (design/platform-specs.md)'
  }),

  // Web
  {
    id: 'open-graph',
    platform: 'web',
    label: 'Link preview (Open Graph)',
    width: 1200,
    height: 630,
    safe: { top: 0.05, right: 0.05, bottom: 0.05, left: 0.05 },
    maxBytes: 5 * MB,
    formats: ['jpeg', 'png', 'webp'],
    source: 'Open Graph 1200×630 used by Facebook, LinkedIn and X link previews (opengraphplus.com)',
    checkedAt: CHECKED
  },
  {
    id: 'blog-header',
    platform: 'web',
    label: 'Blog header',
    width: 1920,
    height: 1080,
    safe: none,
    maxBytes: 500 * 1024,
    formats: ['webp', 'jpeg', 'avif'],
    source: 'Common blog hero size 1920×1080; 500 KB keeps the page fast (web.dev guidance on image weight)',
    checkedAt: CHECKED
  },
  {
    id: 'website-banner',
    platform: 'web',
    label: 'Website banner',
    width: 1920,
    height: 600,
    safe: { top: 0, right: 0.15, bottom: 0, left: 0.15 },
    maxBytes: 400 * 1024,
    formats: ['webp', 'jpeg', 'avif'],
    source: 'Common full-width banner 1920×600; narrow screens crop the sides, so keep the centre 70 %',
    checkedAt: CHECKED
  },
  {
    id: 'email-header',
    platform: 'web',
    label: 'E-mail header (2× for retina)',
    width: 1200,
    height: 400,
    safe: none,
    maxBytes: 200 * 1024,
    formats: ['jpeg', 'png'],
    source: 'E-mail layouts are 600 px wide; 1200 px covers retina screens; keep headers under 200 KB',
    checkedAt: CHECKED
  }
];

/** Parsed at load, so a bad fact fails every test at once instead of one export at run time. */
export const platformPresets = z.array(PlatformPresetSchema).parse(data);
