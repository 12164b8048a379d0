export * from './schema';
export { platformPresets } from './catalogue';
export { presetById, resolvePresets } from './select';
export { defaultPresetIds } from './defaults';
