// `npm run build`: the static site in dist/ (relative base, so any static
// host and any sub-path will do), with the machine images in dist/images/.
// Uses the project's vite.config.ts plus the images plugin.

import { build } from 'vite';
import { join } from 'node:path';
import { hakoImages } from './images-plugin.ts';

await build({
  configFile: join(import.meta.dirname, '..', 'vite.config.ts'),
  plugins: [hakoImages()],
});
