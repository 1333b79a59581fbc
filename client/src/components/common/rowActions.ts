import { NButton, NIcon } from 'naive-ui';
import { h, type VNode } from 'vue';
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

/** Icon buttons for a table row, each a 44px tap target with an accessible name. */
export function renderRowActions(actions: readonly RowAction[]): VNode {
  return h(
    'div',
    { class: 'row-actions', style: 'display:flex;gap:4px;justify-content:flex-end' },
    actions.map((action) =>
      h(
        NButton,
        {
          quaternary: true,
          type: action.danger ? 'error' : 'default',
          'aria-label': action.label,
          title: action.label,
          'data-testid': action.testid,
          style: 'width:44px',
          onClick: action.onClick,
        },
        { icon: () => h(NIcon, null, { default: () => h(AppIcon, { name: action.icon }) }) },
      ),
    ),
  );
}
