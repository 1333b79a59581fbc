import type { Role } from '@tinhtao/shared';
import { createRouter, createWebHistory } from 'vue-router';

import { useAuthStore } from '@/stores/auth';

import { roleHome } from './homes';
import { routes } from './routes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the route; children inherit it from their parent. */
    roles?: readonly Role[];
    /** Reachable without signing in. */
    public?: boolean;
    /** i18n key of the page title. */
    titleKey?: string;
    /** The menu entry to highlight when the route itself is not in the menu. */
    nav?: string;
    /**
     * Built without the component library (naive-ui), so that a phone downloads little before
     * the page works: the student pages. Everything else runs inside NaiveScope, loaded on demand.
     */
    light?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach((to) => {
  const auth = useAuthStore();
  const user = auth.user;
  if (to.meta.public) return to.name === 'login' && user ? roleHome(user.role) : true;
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (user.mustChangePassword && to.name !== 'password') return { name: 'password' };
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return roleHome(user.role);
  return true;
});
