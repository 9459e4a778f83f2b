// `npm start` (after build:os): serve the page with Vite's dev server, the
// project's vite.config.ts (root web/, COOP/COEP headers) plus the images
// plugin. Prints the URL; runs until interrupted.
//
// Usage: tsx web/serve.ts [--port N] [--host H]

import { createServer } from 'vite';
import { join } from 'node:path';
import { hakoImages } from './images-plugin.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

const server = await createServer({
  configFile: join(import.meta.dirname, '..', 'vite.config.ts'),
  plugins: [hakoImages()],
  server: { port: Number(option('--port', '5173')), host: option('--host', '127.0.0.1') },
});
await server.listen();
server.printUrls();
