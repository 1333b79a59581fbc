import { nextTick, onBeforeUnmount, type Ref, ref, watch, type WatchSource } from 'vue';

/**
 * Fits a box's content to the box, for screens nobody can scroll (a projector): tries each
 * density level in turn, roomiest first, on the element's `data-fit` attribute, and keeps
 * the first one whose content does not overflow. When even the densest overflows, `cap`
 * becomes how many of the items fit (the caller shows fewer and a count of the rest). Measures again when the box appears, is resized or `source` changes.
 *
 * Levels are styled by the caller's CSS (`[data-fit='dense']`); measuring sets the attribute
 * directly and reads the layout at once, so no level that overflows is ever painted.
 */
export function useFitLevels(box: Ref<HTMLElement | null>, levels: readonly string[], itemSelector: string, source: WatchSource) {
  const level = ref(levels[0]!);
  const cap = ref<number | null>(null);

  const overflows = (el: HTMLElement) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;

  /** How many items, from the first, lie wholly inside the box. */
  function itemsInside(el: HTMLElement): number {
    const bottom = el.getBoundingClientRect().bottom;
    const items = [...el.querySelectorAll<HTMLElement>(itemSelector)];
    const first = items.findIndex((item) => item.getBoundingClientRect().bottom > bottom + 1);
    return first === -1 ? items.length : first;
  }

  async function fit(): Promise<void> {
    await nextTick();
    const el = box.value;
    if (!el) return;
    for (const candidate of levels) {
      el.dataset.fit = candidate;
      if (!overflows(el)) {
        level.value = candidate;
        if (cap.value !== null) {
          // Room again (a bigger window, fewer players): show everyone, then check once more.
          cap.value = null;
          await fit();
        }
        return;
      }
    }
    level.value = levels[levels.length - 1]!;
    const fitting = itemsInside(el);
    if (cap.value === null || fitting < cap.value) {
      cap.value = fitting;
      await nextTick();
      // What the caller draws in place of the rest (a count) may wrap onto one more row: fewer, until nothing overflows.
      for (let tries = 0; tries < 8 && box.value && overflows(box.value) && cap.value > 0; tries++) {
        cap.value = Math.min(cap.value - 1, itemsInside(box.value));
        await nextTick();
      }
    }
  }

  // The box's own size is set by its layout, not its content: it changes with the window.
  const observer = new ResizeObserver(() => void fit());
  watch(
    box,
    (el, before) => {
      if (before) observer.unobserve(before);
      if (el) observer.observe(el);
      void fit();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => observer.disconnect());
  watch(source, () => void fit());

  return { level, cap };
}
