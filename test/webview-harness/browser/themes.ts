/**
 * Theme variables as VS Code sets them on a webview's <html>, for a dark and a light theme,
 * so the harness shows the panel as a workbench would. Values follow the Dark Modern and
 * Light Modern themes closely enough to judge contrast.
 */

/** A theme: the class VS Code puts on <body> and its variables. */
export interface HarnessTheme {
  bodyClass: string;
  variables: Record<string, string>;
}

const shared = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", monospace',
  '--vscode-editor-font-size': '13px',
};

/** The harness's themes by name. */
export const THEMES: Record<'dark' | 'light', HarnessTheme> = {
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      ...shared,
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-errorForeground': '#f85149',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editorWidget-background': '#202020',
      '--vscode-editorWidget-border': '#454545',
      '--vscode-widget-border': '#313131',
      '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.36)',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-panel-background': '#181818',
      '--vscode-settings-headerBorder': '#2b2b2b',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-input-background': '#313131',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-input-placeholderForeground': '#989898',
      '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-checkbox-background': '#313131',
      '--vscode-checkbox-border': '#3c3c3c',
      '--vscode-checkbox-foreground': '#cccccc',
      '--vscode-icon-foreground': '#cccccc',
      '--vscode-toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-list-inactiveSelectionBackground': '#37373d',
      '--vscode-editor-selectionBackground': '#264f78',
      '--vscode-diffEditor-insertedTextBackground': 'rgba(156, 204, 44, 0.2)',
      '--vscode-tab-activeForeground': '#ffffff',
      '--vscode-tab-inactiveForeground': '#9d9d9d',
      '--vscode-panelTitle-activeBorder': '#0078d4',
      '--vscode-panelTitle-activeForeground': '#cccccc',
      '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
      '--vscode-editorCursor-foreground': '#aeafad',
      '--vscode-scrollbarSlider-background': 'rgba(121, 121, 121, 0.4)',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-settings-dropdownBackground': '#313131',
      '--vscode-settings-dropdownBorder': '#3c3c3c',
      '--vscode-settings-dropdownForeground': '#cccccc',
      '--vscode-settings-dropdownListBorder': '#454545',
      '--vscode-settings-checkboxBackground': '#313131',
      '--vscode-settings-checkboxBorder': '#3c3c3c',
      '--vscode-settings-checkboxForeground': '#cccccc',
      '--vscode-settings-textInputBackground': '#313131',
      '--vscode-settings-textInputBorder': '#3c3c3c',
      '--vscode-settings-textInputForeground': '#cccccc',
      '--vscode-list-activeSelectionForeground': '#ffffff',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    variables: {
      ...shared,
      '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-errorForeground': '#f85149',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editorWidget-background': '#f8f8f8',
      '--vscode-editorWidget-border': '#c8c8c8',
      '--vscode-widget-border': '#e5e5e5',
      '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.16)',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-panel-background': '#f8f8f8',
      '--vscode-settings-headerBorder': '#e5e5e5',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-input-background': '#ffffff',
      '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece',
      '--vscode-input-placeholderForeground': '#767676',
      '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece',
      '--vscode-checkbox-background': '#f8f8f8',
      '--vscode-checkbox-border': '#cecece',
      '--vscode-checkbox-foreground': '#3b3b3b',
      '--vscode-icon-foreground': '#3b3b3b',
      '--vscode-toolbar-hoverBackground': 'rgba(184, 184, 184, 0.31)',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
      '--vscode-editor-selectionBackground': '#add6ff',
      '--vscode-diffEditor-insertedTextBackground': 'rgba(156, 204, 44, 0.25)',
      '--vscode-tab-activeForeground': '#3b3b3b',
      '--vscode-tab-inactiveForeground': '#868686',
      '--vscode-panelTitle-activeBorder': '#005fb8',
      '--vscode-panelTitle-activeForeground': '#3b3b3b',
      '--vscode-panelTitle-inactiveForeground': '#3b3b3b',
      '--vscode-editorCursor-foreground': '#000000',
      '--vscode-scrollbarSlider-background': 'rgba(100, 100, 100, 0.4)',
      '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-settings-dropdownBackground': '#ffffff',
      '--vscode-settings-dropdownBorder': '#cecece',
      '--vscode-settings-dropdownForeground': '#3b3b3b',
      '--vscode-settings-dropdownListBorder': '#c8c8c8',
      '--vscode-settings-checkboxBackground': '#f8f8f8',
      '--vscode-settings-checkboxBorder': '#cecece',
      '--vscode-settings-checkboxForeground': '#3b3b3b',
      '--vscode-settings-textInputBackground': '#ffffff',
      '--vscode-settings-textInputBorder': '#cecece',
      '--vscode-settings-textInputForeground': '#3b3b3b',
      '--vscode-list-activeSelectionForeground': '#000000',
    },
  },
};

/** Applies a theme the way VS Code does: variables on <html>, the kind as a <body> class. */
export function applyTheme(theme: HarnessTheme): void {
  for (const [name, value] of Object.entries(theme.variables)) {
    document.documentElement.style.setProperty(name, value);
  }

  document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
  document.body.classList.add(theme.bodyClass);
}
