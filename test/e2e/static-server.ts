// A static file server for the built page, run in a process of its own
// (startSite({ server: 'static' })): what a real host does, so the web
// benchmarks measure the page and not Vite's preview server, which shares
// the benchmark's busy Node process (its event loop also polls the page
// every 10 ms) and streams each file in 64 KiB chunks through that loop.
// Every file of the directory is read once at start and sent in one write,
// with the headers vite.config.ts gives the preview server (cross-origin
// isolation) and no caching (every page load fetches everything, as a first
// visit does).
//
// Usage: tsx test/e2e/static-server.ts DIR — prints {"port":N} on its first
// line of output once it listens on 127.0.0.1 (a free port); stops when its
// standard input closes (the parent went away).

import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8',
  json: 'application/json', gz: 'application/gzip', wasm: 'application/wasm', svg: 'image/svg+xml',
  png: 'image/png', woff2: 'font/woff2', txt: 'text/plain; charset=utf-8', map: 'application/json',
};

const root = process.argv[2];
if (!root) { process.stderr.write('usage: static-server.ts DIR\n'); process.exit(2); }

const files = new Map<string, { bytes: Buffer; type: string }>();
const walk = (dir: string): void => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) { walk(path); continue; }
    const ext = e.name.slice(e.name.lastIndexOf('.') + 1);
    files.set(`/${relative(root, path).split(sep).join('/')}`, { bytes: readFileSync(path), type: TYPES[ext] ?? 'application/octet-stream' });
  }
};
walk(root);

const server = createServer((req, res) => {
  let path = decodeURIComponent((req.url ?? '/').split('?')[0]);
  if (path.endsWith('/')) path += 'index.html';
  const file = files.get(path);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cache-Control', 'no-store');
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`not found: ${path}`);
    return;
  }
  res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.bytes.length });
  res.end(req.method === 'HEAD' ? undefined : file.bytes);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
