import { defineConfig, type Plugin } from 'vitest/config';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';

/**
 * Writes `.br` and `.gz` beside every text asset of the build, so the server sends them
 * compressed (@fastify/static `preCompressed`) without compressing on each request: the
 * client is about 945 KiB gzipped against 3.3 MB raw, and a big screen or an official on a
 * slow line waits for the difference.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'atlas-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })) as string[];
      for (const file of files) {
        if (!/\.(js|mjs|css|html|svg|json|txt)$/.test(file)) continue;
        const path = join(outDir, file);
        const bytes = await readFile(path);
        if (bytes.length < 1024) continue;
        await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        await writeFile(
          `${path}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
        );
      }
    },
  };
}

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const CLIENT = join(ROOT, 'client') + sep;
const SERVER = join(ROOT, 'server') + sep;
const SHARED = join(ROOT, 'server', 'contract') + sep;

/**
 * The client may import only what both sides run (server/contract/): an import of the
 * server's internals (its database, config, routes) fails the build, the dev server and the
 * client's unit tests, not just the lint.
 */
function clientBoundary(): Plugin {
  return {
    name: 'atlas-client-boundary',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.startsWith(CLIENT) || !source.startsWith('.')) return null;
      const target = resolve(dirname(importer), source);
      if (target.startsWith(SERVER) && !target.startsWith(SHARED)) {
        this.error(
          `${relative(ROOT, importer)} imports ${relative(ROOT, target)}: the client may import only server/contract/`,
        );
      }
      return null;
    },
  };
}

// The client lives in client/; the server serves dist/client on the same port as the API.
// In dev (`npm run dev`) Vite proxies the API to the server so both hot-reload.
const apiPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'client',
  plugins: [clientBoundary(), react(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        // Each mode is a chunk of its own (React.lazy in app/App.tsx); React and MapLibre, which
        // several modes share, get chunks named after them. deck.gl is left to the automatic
        // split: a group takes its dependencies along, and deck's would pull Vite's preload
        // helper, and with it the whole of deck.gl, into the first load of every mode.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      // client/api/*.ts are the client's own modules, served by Vite at /api/…; only the
      // other /api requests go to the server.
      '/api': {
        target: `http://127.0.0.1:${apiPort}`,
        bypass: (req) => (/\.(tsx?|jsx?|css)(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
      '/tiles': `http://127.0.0.1:${apiPort}`,
    },
  },
  test: {
    // Vite's root is client/; tests live everywhere, so vitest looks from the repository root.
    root: ROOT,
    include: ['{server,client,scripts,tests}/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites each open their own database; two cores, so two at a time.
    maxWorkers: 2,
  },
});
