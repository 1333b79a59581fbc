import { computed, onBeforeUnmount, type Ref, ref } from 'vue';

/**
 * The server's clock as seen here: the offset `serverNow − Date.now()` taken when a message
 * arrives, and a `now` on server time that ticks a few times a second, so that a countdown
 * ends when the server closes the question, whatever this device's clock says.
 */
export function useServerClock(tickMs = 200) {
  const offset = ref(0);
  const now = ref(Date.now());

  function sync(serverNow: number): void {
    offset.value = serverNow - Date.now();
    now.value = serverNow;
  }

  const timer = setInterval(() => {
    now.value = Date.now() + offset.value;
  }, tickMs);
  onBeforeUnmount(() => clearInterval(timer));

  /** Milliseconds left until a server moment (never below zero); null while there is none. */
  function remaining(endsAt: Ref<number | null>) {
    return computed(() => (endsAt.value === null ? null : Math.max(0, endsAt.value - now.value)));
  }

  return { offset, now, sync, remaining };
}
