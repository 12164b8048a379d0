// `npm start`: the server from a current build. Rebuilds only what changed since the last build (the app, the
// server, or both), saying which files in one line, then runs the built server: no TypeScript at run time.
import {
  APP_INPUTS,
  APP_STAMP,
  changedInputs,
  describeChanges,
  listInputs,
  SERVER_STAMP
} from './build-state.mjs';
import { buildApp, buildServer } from './build.mjs';

const app = changedInputs(APP_STAMP, listInputs(APP_INPUTS));
if (!app || app.length) {
  console.log(app ? `Rebuilding the app: ${describeChanges(app)}.` : 'Building the app (no build yet)…');
  buildApp({ quiet: true });
}
const server = changedInputs(SERVER_STAMP);
if (!server || server.length) {
  console.log(server ? `Rebuilding the server: ${describeChanges(server)}.` : 'Building the server…');
  await buildServer();
}
await import('../dist/server/main.js');
