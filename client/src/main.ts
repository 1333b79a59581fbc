import './styles/base.css';

import { createPinia } from 'pinia';
import { createApp } from 'vue';

import { configureHttp } from '@/api/http';
import { session } from '@/api/session';
import { i18n, savedLocale, setLocale } from '@/i18n';
import { router } from '@/router';
import { installNotFound, reportAnswer } from '@/router/notFound';
import { useAuthStore } from '@/stores/auth';

import App from './App.vue';
import { naiveAria } from './naiveAria';

async function start(): Promise<void> {
  const app = createApp(App);
  app.mixin(naiveAria);
  app.use(createPinia());
  app.use(i18n);

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
}

void start();
