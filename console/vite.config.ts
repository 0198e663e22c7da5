import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The console is served by the gateway at `/`; Maven packs target/classes/static into the jar.
export default defineConfig(() => ({
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and their styles are imported where a template uses them, not all at once.
    Components({
      // (no styles under Vitest: Node cannot import a .css file, and the tests read the DOM, not the look)
      resolvers: [ElementPlusResolver({ importStyle: process.env.VITEST ? false : 'css' })],
      dts: 'components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // One stylesheet, loaded with index.html: the on-demand Element Plus styles of shared chunks were otherwise
    // left out when a page was the first one opened (seen on /care/elders: its tags had no style).
    cssCodeSplit: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev` against a running gateway (its BFF session): same origin through the proxy.
    proxy: {
      '/api': process.env.WARMNEST_GATEWAY ?? 'http://127.0.0.1:8080',
      '/auth': process.env.WARMNEST_GATEWAY ?? 'http://127.0.0.1:8080',
      '/oauth2': process.env.WARMNEST_GATEWAY ?? 'http://127.0.0.1:8080',
      '/login': process.env.WARMNEST_GATEWAY ?? 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    css: false,
    // Element Plus through Vite's transforms, as in the build (its form items render their errors in a transition)
    server: { deps: { inline: ['element-plus'] } },
  },
}))
