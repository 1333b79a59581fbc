/**
 * What naive-ui's markup lacks for a screen reader, set on the elements it renders (it takes
 * no prop for them): NCard, NDialog, NInputNumber, NSlider and NDataTable.
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
 * - NSlider puts role="slider" on its handle, not on the element that takes `aria-label` (axe:
 *   aria-input-field-name, serious): the handle is named by its slider's label.
 * - NDataTable with `scroll-x` or `max-height` scrolls in a box that holds no focusable element when
 *   its rows are plain text (axe: scrollable-region-focusable, serious): the box takes focus,
 *   so that the arrow keys scroll it.
 */
let nextId = 1;

/**
 * Watches the document while naive-ui's pages are open (NaiveScope) and patches what it renders,
 * modals included (they are teleported to <body>). A DOM observer rather than a global mixin:
 * the build has Vue's Options API (and so mixins) turned off to keep the student pages light.
 */
export function watchNaiveAria(): () => void {
  let queued = false;
  const run = () => {
    queued = false;
    patchAll(document.body);
  };
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(run);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  run();
  return () => observer.disconnect();
}

function patchAll(root: Element): void {
  for (const card of root.querySelectorAll('.n-card')) labelCardHeading(card);
  for (const dialog of root.querySelectorAll('.n-dialog')) nameDialog(dialog, dialog.querySelector(':scope > .n-dialog__title'));
  for (const field of root.querySelectorAll('.n-input-number')) hideStepButtons(field);
  for (const table of root.querySelectorAll('.n-data-table')) focusableScrollBox(table);
  for (const handle of root.querySelectorAll('.n-slider-handle-wrapper[role="slider"]')) nameSliderHandle(handle);
}

function nameSliderHandle(handle: Element): void {
  if (handle.hasAttribute('aria-label')) return;
  const label = handle.closest('.n-slider')?.getAttribute('aria-label');
  if (label) handle.setAttribute('aria-label', label);
}

function labelCardHeading(card: Element): void {
  const header = card.querySelector(':scope > .n-card-header[role="heading"]');
  if (!header) return;
  header.setAttribute('role', 'none');
  const title = header.querySelector(':scope > .n-card-header__main');
  if (!title) return;
  if (title.querySelector('h1, h2, h3, h4, h5, h6')) title.setAttribute('role', 'none');
  else title.setAttribute('aria-level', '2');
  nameDialog(card, title);
}

/** A dialog without a name of its own is named by its title. */
function nameDialog(dialog: Element, title: Element | null): void {
  if (!title || !['dialog', 'alertdialog'].includes(dialog.getAttribute('role') ?? '')) return;
  if (dialog.hasAttribute('aria-label') || dialog.hasAttribute('aria-labelledby')) return;
  title.id ||= `naive-title-${nextId++}`;
  dialog.setAttribute('aria-labelledby', title.id);
}

function hideStepButtons(field: Element): void {
  for (const button of field.querySelectorAll('.n-input__prefix > button[tabindex="-1"], .n-input__suffix > button[tabindex="-1"]')) {
    button.setAttribute('aria-hidden', 'true');
  }
}

/** Only a box that scrolls (a table with scroll-x or max-height) needs to take focus. */
function focusableScrollBox(table: Element): void {
  const box = table.querySelector('.n-data-table-base-table-body > .n-scrollbar-container');
  if (!box || box.hasAttribute('tabindex')) return;
  if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight || table.querySelector('.n-data-table-base-table-body[style*="max-height"]')) {
    box.setAttribute('tabindex', '0');
  }
}
