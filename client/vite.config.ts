import { fileURLToPath, URL } from 'node:url';

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue()],
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
