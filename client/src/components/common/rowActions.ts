import { type DropdownOption, NButton, NDropdown, NIcon } from 'naive-ui';
import { h, type HTMLAttributes, type VNode } from 'vue';

import AppIcon from './AppIcon.vue';
import type { IconName } from './icons';

export interface RowAction {
  /** Names the action and its row, e.g. "Sửa Trường THCS 1": icon buttons need a spoken name. */
  label: string;
  icon: IconName;
  onClick: () => void;
  danger?: boolean;
  testid?: string;
}

/** Rarer actions of a row, behind a "more" button: each with its words, not only an icon. */
export interface RowMenu {
  /** The button's spoken name, e.g. "Thao tác khác với Nguyễn Văn An". */
  label: string;
  testid?: string;
  items: readonly RowAction[];
}

const iconButton = (label: string, icon: IconName, testid: string | undefined, danger: boolean, onClick?: () => void) =>
  h(
    NButton,
    {
      quaternary: true,
      type: danger ? 'error' : 'default',
      'aria-label': label,
      title: label,
      'aria-haspopup': onClick ? undefined : 'menu',
      'data-testid': testid,
      style: 'width:44px',
      onClick,
    },
    { icon: () => h(NIcon, { 'aria-hidden': 'true' }, { default: () => h(AppIcon, { name: icon }) }) },
  );

function renderMenu(menu: RowMenu): VNode {
  const options: DropdownOption[] = menu.items.map((item, index) => ({
    key: index,
    label: item.label,
    icon: () => h(NIcon, { 'aria-hidden': 'true' }, { default: () => h(AppIcon, { name: item.icon }) }),
    // Data attributes for the browser tests; naive-ui types option props as plain HTML attributes.
    props: { 'data-testid': item.testid, class: item.danger ? 'row-menu__danger' : undefined } as HTMLAttributes,
  }));
  return h(
    NDropdown,
    { trigger: 'click', placement: 'bottom-end', size: 'huge', options, onSelect: (key: number) => menu.items[key]?.onClick() },
    { default: () => iconButton(menu.label, 'more', menu.testid, false) },
  );
}

/** Icon buttons for a table row, each a 44px tap target with an accessible name; then the row's menu, if any. */
export function renderRowActions(actions: readonly RowAction[], menu?: RowMenu): VNode {
  return h('div', { class: 'row-actions', style: 'display:flex;gap:4px;justify-content:flex-end' }, [
    ...actions.map((action) => iconButton(action.label, action.icon, action.testid, action.danger ?? false, action.onClick)),
    ...(menu && menu.items.length > 0 ? [renderMenu(menu)] : []),
  ]);
}
