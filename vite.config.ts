import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

// The client lives in client/; the server serves dist/client on the same port as the API.
// In dev (`npm run dev`) Vite proxies the API to the server so both hot-reload.
const apiPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
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
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['{server,client,scripts,tests}/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites each open their own database; two cores, so two at a time.
    maxWorkers: 2,
  },
});
