export type ModuleId =
  'create' | 'edit' | 'upscale' | 'transform' | 'social' | 'control' | 'batch' | 'library';

export interface StudioModule {
  id: ModuleId;
  name: string;
  href: `/${string}`;
  summary: string;
  /** Runs entirely on the device (no account, no network) or needs the AI proxy. */
  runsOn: 'device' | 'ai';
  /** 24×24 stroke icon path. */
  icon: string;
}

export const studioModules: readonly StudioModule[] = [
  {
    id: 'social',
    name: 'Social Optimizer',
    href: '/social',
    summary: 'One photo to every platform size, with faces kept clear of each app’s buttons and captions.',
    runsOn: 'device',
    icon: 'M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z'
  },
  {
    id: 'create',
    name: 'Create',
    href: '/create',
    summary: 'Generate images from a prompt with Stability AI, Gemini, WaveSpeed, Qwen or Hugging Face.',
    runsOn: 'ai',
    icon: 'M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z'
  },
  {
    id: 'edit',
    name: 'Edit',
    href: '/edit',
    summary: 'Remove backgrounds, inpaint, outpaint, search and replace, recolour and relight.',
    runsOn: 'ai',
    icon: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4'
  },
  {
    id: 'upscale',
    name: 'Upscale',
    href: '/upscale',
    summary: 'Enlarge to 4K for print, web or social, and compare before and after at full size.',
    runsOn: 'ai',
    icon: 'M4 14v6h6M20 10V4h-6M4 20l7-7M20 4l-7 7'
  },
  {
    id: 'transform',
    name: 'Transform',
    href: '/transform',
    summary: 'Turn an image into a short video, a talking avatar or a 3D model.',
    runsOn: 'ai',
    icon: 'M4 6h11v12H4zM15 10l5-3v10l-5-3'
  },
  {
    id: 'control',
    name: 'Control',
    href: '/control',
    summary: 'Guide generation with a sketch, a structure or a style reference.',
    runsOn: 'ai',
    icon: 'M4 7h10M18 7h2M4 17h2M10 17h10M14 5v4M6 15v4'
  },
  {
    id: 'batch',
    name: 'Batch Processor',
    href: '/batch',
    summary: 'Queue a week of content from a spreadsheet, within budget, and get notified when it is done.',
    runsOn: 'device',
    icon: 'M4 5h16M4 10h16M4 15h10M4 20h6M17 15l3 3-3 3'
  },
  {
    id: 'library',
    name: 'Asset Library',
    href: '/library',
    summary: 'Every image you make or import, with its versions, tags, collections and campaigns.',
    runsOn: 'device',
    icon: 'M3 7l3-3h12l3 3v12a1 1 0 01-1 1H4a1 1 0 01-1-1zM3 7h18M9 12h6'
  }
];

export function moduleById(id: ModuleId): StudioModule {
  const found = studioModules.find((module) => module.id === id);
  if (!found) throw new Error(`unknown module ${id}`);
  return found;
}
