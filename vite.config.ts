import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web shell: sources in src/web, built into dist/web, which the server serves.
// In development Vite forwards the server's paths to the API (port 3000 unless MINSHENG_API_URL says otherwise).
const api = process.env.MINSHENG_API_URL ?? 'http://127.0.0.1:3000';

/** Large libraries get chunks of their own so that application changes do not bust their cache. */
const vendorChunks: Array<{ name: string; test: RegExp }> = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/ },
  { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
  // The shell and the helpers shared by pages: one chunk instead of a scatter of tiny ones.
  { name: 'shell', test: /[\\/]src[\\/]web[\\/](api|shell|workbench)[\\/][^\\/]+$/ },
];

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // antd is one cached chunk of ~1.2 MB (~390 kB gzipped) shared by every page.
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorChunks.map((chunk, i) => ({ ...chunk, priority: vendorChunks.length - i })),
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/health', '/ready', '/open311'].map((path) => [path, {
      target: api,
      // src/web/api/*.ts share the /api prefix with the server: Vite serves those modules itself.
      bypass: (req: { url?: string }) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
    }])),
  },
});
