import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The twin is built once (varv demo builds it on first start) and served by the Varv server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
