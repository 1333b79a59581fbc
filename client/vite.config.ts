import fs from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import zlib from 'node:zlib';

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

import { routeFiles, studentRoutes } from '../scripts/budget.mjs';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      // A new release takes over at once and the page reloads on it: a student's phone must run the client that
      // matches the server's API, there is no button to miss, and answers survive a reload (autosave, IndexedDB).
      registerType: 'autoUpdate',
      // Registered from main.ts, in production builds only.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'Tỉnh Táo',
        short_name: 'Tỉnh Táo',
        description: 'Tỉnh Táo — học và thi an toàn thông tin, sàng lọc thông tin cho học sinh THCS, THPT.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0e7490',
        background_color: '#f5f8fa',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The app shell and the student pages only: staff chunks (ECharts alone is ~200 KB) stay off a student's 3G.
        manifestTransforms: [studentShellOnly],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/socket\.io(\/|$)/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        // Every other built file has a hashed name: kept once fetched. `/api` is never cached (personal data, shared phones).
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'assets', expiration: { maxEntries: 200, maxAgeSeconds: 60 * 60 * 24 * 60 } },
          },
        ],
      },
    }),
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

/** Keeps in the precache the shell (index.html, icons, manifest) and the chunks and styles the student routes load. */
function studentShellOnly(entries) {
  const manifest = JSON.parse(fs.readFileSync(new URL('./dist/.vite/manifest.json', import.meta.url), 'utf8'));
  const student = new Set();
  for (const { modules } of studentRoutes(manifest)) {
    const files = routeFiles(manifest, modules);
    for (const file of [...files.js, ...files.css]) student.add(file);
  }
  const kept = entries.filter((entry) => !entry.url.startsWith('assets/') || student.has(entry.url));
  return { manifest: kept, warnings: [] };
}
