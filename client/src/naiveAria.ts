import type { ComponentOptions, ComponentPublicInstance } from 'vue';

/**
 * What naive-ui's markup lacks for a screen reader, set on the elements it renders (it takes
 * no prop for them). Installed once as a global mixin; it acts on NCard and NInputNumber only.
 *
 * - NCard marks its header and the title inside it both role="heading", with no aria-level
 *   (axe: aria-required-attr, critical), and the header also holds the header-extra (tags,
 *   buttons). The title alone is the heading, at level 2 under the page's h1; a title that is
 *   already a heading element (`<h2>` in the header slot) keeps its own level. An NModal of
 *   preset "card" is such a card with role="dialog" and no name (axe: aria-dialog-name,
 *   serious): the title names it. The same for NDialog (`useDialog`, NModal of preset "dialog").
 * - NInputNumber's − and + buttons have no name (axe: button-name, critical). They are out of
 *   the tab order and repeat what the field's arrow keys and typing do, so they are hidden
 *   from assistive technology rather than announced as two more controls.
 * - NDataTable with `scroll-x` or `max-height` scrolls in a box that holds no focusable element when
 *   its rows are plain text (axe: scrollable-region-focusable, serious): the box takes focus,
 *   so that the arrow keys scroll it.
 */
export const naiveAria: ComponentOptions = {
  mounted(this: ComponentPublicInstance) {
    patch(this);
  },
  updated(this: ComponentPublicInstance) {
    patch(this);
  },
};

function patch(instance: ComponentPublicInstance): void {
  const name = instance.$options.name;
  if (name !== 'Card' && name !== 'Dialog' && name !== 'InputNumber' && name !== 'DataTable') return;
  const root: unknown = instance.$el;
  if (!(root instanceof Element)) return;
  if (name === 'Card') labelCardHeading(root, instance.$.uid);
  else if (name === 'Dialog') nameDialog(root, root.querySelector(':scope > .n-dialog__title'), instance.$.uid);
  else if (name === 'InputNumber') hideStepButtons(root);
  else if (scrolls(instance.$props as { scrollX?: unknown; maxHeight?: unknown })) focusableScrollBox(root);
}

function labelCardHeading(card: Element, uid: number): void {
  const header = card.querySelector(':scope > .n-card-header[role="heading"]');
  if (!header) return;
  header.setAttribute('role', 'none');
  const title = header.querySelector(':scope > .n-card-header__main');
  if (!title) return;
  if (title.querySelector('h1, h2, h3, h4, h5, h6')) title.setAttribute('role', 'none');
  else title.setAttribute('aria-level', '2');
  nameDialog(card, title, uid);
}

/** A dialog without a name of its own is named by its title. */
function nameDialog(dialog: Element, title: Element | null, uid: number): void {
  if (!title || !['dialog', 'alertdialog'].includes(dialog.getAttribute('role') ?? '')) return;
  if (dialog.hasAttribute('aria-label') || dialog.hasAttribute('aria-labelledby')) return;
  title.id ||= `naive-title-${uid}`;
  dialog.setAttribute('aria-labelledby', title.id);
}

function hideStepButtons(field: Element): void {
  for (const button of field.querySelectorAll('.n-input__prefix > button[tabindex="-1"], .n-input__suffix > button[tabindex="-1"]')) {
    button.setAttribute('aria-hidden', 'true');
  }
}

const scrolls = ({ scrollX, maxHeight }: { scrollX?: unknown; maxHeight?: unknown }) => scrollX !== undefined || maxHeight !== undefined;

function focusableScrollBox(table: Element): void {
  table.querySelector('.n-data-table-base-table-body > .n-scrollbar-container')?.setAttribute('tabindex', '0');
}
