import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served at / by the bundle's servlet; `npm run dev` proxies the API of a local node.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.SOCIALWEAVE_URL ?? 'http://localhost:8181' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
