import { fileURLToPath, URL } from 'node:url';
import zlib from 'node:zlib';

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    vue(),
    // A .br and a .gz twin beside every text file, sent as they are by the server: phones on 3G download about a quarter of the bytes.
    compression({
      include: /\.(js|css|html|svg|json|webmanifest|txt)$/,
      // The build's manifest is read by tools, never by a browser.
      exclude: /(^|\/)\.vite\//,
      // Below about 1 KB a response fits in one packet either way: compressing it saves no time.
      threshold: 1024,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: zlib.constants.Z_BEST_COMPRESSION }),
      ],
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // Composition API only: no Options API in Vue, no <i18n-t> or v-t in vue-i18n, no devtools in production builds.
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    manifest: true,
    emptyOutDir: true,
    // ECharts (tree-shaken, ~575 kB before gzip, ~195 kB after) is used only by the coverage
    // dashboards: it gets a chunk of its own, loaded with those pages and cached across releases.
    chunkSizeWarningLimit: 650,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the chart modules themselves: pulling their shared dependencies in too grew the chunk by a fifth.
          includeDependenciesRecursively: false,
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/ }],
        },
      },
    },
  },
});
