/** The Compare webview's entry point; it talks to the extension only through its protocol. */
import 'uplot/dist/uPlot.min.css';
import './styles/base.css';
import './styles/charts.css';
import './styles/table.css';
import './styles/diff.css';
import './styles/params.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

import { CompareApp } from './app';

const root = document.getElementById('app');
if (root) {
  new CompareApp(root, acquireVsCodeApi());
}
