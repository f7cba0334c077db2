/**
 * Small wrappers over @vscode-elements controls, so views state what they want (a labelled
 * select, a checkbox) and get typed values back.
 */
import type { VscodeCheckbox, VscodeSingleSelect } from '@vscode-elements/elements';

import { element } from './dom';

/** A choice of a select: its value and the text shown. */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled single select that calls `onChange` with the chosen value. */
export function selectControl(
  label: string,
  choices: readonly Choice[],
  value: string,
  onChange: (value: string) => void,
): {
  element: HTMLElement;
  select: VscodeSingleSelect;
  setChoices(choices: readonly Choice[], value: string): void;
} {
  const select = document.createElement('vscode-single-select');
  const id = `select-${Math.random().toString(36).slice(2)}`;
  select.id = id;
  select.setAttribute('aria-label', label);
  const setChoices = (next: readonly Choice[], selected: string): void => {
    select.replaceChildren(
      ...next.map((choice) => {
        const option = document.createElement('vscode-option');
        option.value = choice.value;
        option.textContent = choice.label;
        option.selected = choice.value === selected;
        return option;
      }),
    );
    select.value = selected;
  };
  setChoices(choices, value);
  select.addEventListener('change', () => onChange(select.value));
  const caption = element('vscode-label', { text: label, attributes: { for: id } });
  return {
    element: element('div', { className: 'control', children: [caption, select] }),
    select,
    setChoices,
  };
}

/** A checkbox with a visible label that calls `onChange` with its new state. */
export function checkboxControl(
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
): VscodeCheckbox {
  const checkbox = document.createElement('vscode-checkbox');
  checkbox.label = label;
  checkbox.checked = checked;
  checkbox.addEventListener('change', () => onChange(checkbox.checked));
  return checkbox;
}

/** A text button from @vscode-elements, secondary unless `primary`. */
export function textButton(
  label: string,
  icon: string | null,
  onClick: () => void,
  primary = false,
): HTMLElement {
  const button = document.createElement('vscode-button');
  button.textContent = label;
  if (icon) {
    button.icon = icon;
  }

  button.secondary = !primary;
  button.addEventListener('click', onClick);
  return button;
}

/** A labelled toolbar holding `children`, for the options row at the top of a tab. */
export function toolbar(label: string, children: (Node | null)[]): HTMLElement {
  return element('div', {
    className: 'toolbar',
    attributes: { role: 'toolbar', 'aria-label': label },
    children,
  });
}
