import { defineConfig } from 'vite';

// 开发时把 /graphql（HTTP 与 WebSocket 订阅）代理到本机服务；目标可用 DANGJIAN_API 覆盖。
const target = process.env.DANGJIAN_API ?? 'http://localhost:4000';

export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
