import './styles/base.css';

import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';

import { configureHttp } from '@/api/http';
import { session } from '@/api/session';
import { savedLocale, setLocale } from '@/i18n';
import { router } from '@/router';
import { installNotFound, reportAnswer } from '@/router/notFound';
import { useAuthStore } from '@/stores/auth';

import App from './App.vue';

async function start(): Promise<void> {
  const app = createApp(App);
  app.use(createPinia());

  const auth = useAuthStore();
  let routing = false;
  // The session is over (expired, revoked, or signed out in another tab): start clean at the login page.
  const backToLogin = () => {
    auth.forget();
    const current = router.currentRoute.value;
    if (routing && !current.meta.public) {
      window.location.replace(router.resolve({ name: 'login', query: { redirect: current.fullPath } }).href);
    }
  };
  configureHttp({ onRefreshed: auth.refreshed, onSessionExpired: backToLogin, onAnswer: reportAnswer });
  installNotFound(router);
  session.onClearedElsewhere(backToLogin);

  await Promise.all([setLocale(savedLocale()).catch(() => setLocale('vi')), auth.restore()]);

  app.use(router);
  routing = true;
  await router.isReady();
  app.mount('#app');

  registerServiceWorker();
  // A student's answers and hand-ins kept on the phone while offline go out now and whenever the network returns.
  watch(
    () => auth.role,
    (role) => {
      if (role === 'student') void import('@/offline/sync').then((sync) => sync.startOfflineSync(() => auth.user?.id ?? null));
    },
    { immediate: true },
  );
}

/**
 * Production builds: the service worker keeps the app shell and the student pages for opening with
 * no network. When a new release (or the first install, seen from a second tab) takes over, the page
 * must reload to run it; never under a student's hands: at the next change of page, when the
 * autosave and the leave guard have already done their work. (The library's default reloads at once.)
 */
function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let reloadWanted = false;
  router.afterEach((to, from) => {
    if (reloadWanted && to.fullPath !== from.fullPath) window.location.reload();
  });
  void import('virtual:pwa-register').then(
    ({ registerSW }) =>
      registerSW({
        immediate: true,
        onNeedReload: () => {
          reloadWanted = true;
        },
      }),
    () => undefined,
  );
}

void start();
