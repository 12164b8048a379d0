/** The downloadable example: every column, and rows a marketer would recognise. */
export const exampleCsv = [
  'prompt,negative_prompt,provider,model,presets,variations,seed,style,persona,campaign,schedule',
  '"Fresh lemonade on a sunny café table, shallow depth of field",blurry,stability,core,instagram-square|instagram-portrait,2,42,photographic,Summer shopper,Summer launch,',
  '"Flat-lay of running shoes on concrete, morning light",,stability,core,instagram,3,,,Weekend runner,Summer launch,2026-12-01 09:00',
  '"Minimal poster of a mountain at dusk, teal and orange",text,stability,sd3.5-large,all,1,7,,,,'
].join('\n');
