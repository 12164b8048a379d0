#!/usr/bin/env node
// Node 20 cannot run TypeScript: load the CLI through tsx, with the project's tsconfig for the $core paths.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
