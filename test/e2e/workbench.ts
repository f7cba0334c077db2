/**
 * Drives VS Code's workbench the way a person does (activity bar, command palette, quick picks,
 * views, the output panel, webviews) and records each step as a screenshot. Every wait that can
 * fail names the step and what was expected, so a red test says what went wrong on screen.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { FrameLocator, Locator, Page } from 'playwright-core';

const waitMilliseconds = 20_000;

/** Raised when a step does not see what it expected; the message says which step and what. */
export class WorkbenchStepError extends Error {}

/**
 * A pattern matching the whole of `text` and nothing else, give or take the space VS Code
 * leaves after a label's leading icon.
 */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** What a tree row shows: its label, its description and the classes of its icon. */
export interface TreeRowContent {
  label: string;
  description: string;
  iconClasses: string[];
}

/** A view in the side bar, found by its name ("Runs", "Explorer"'s folder, …). */
export class ViewPane {
  constructor(
    private readonly workbench: Workbench,
    readonly name: string,
    readonly locator: Locator,
  ) {}

  /** The text of the view's welcome content (shown while the view has nothing to list). */
  async welcomeText(): Promise<string> {
    const welcome = this.locator.locator('.welcome-view-content');
    await this.workbench.expectVisible(welcome, `the "${this.name}" view to show welcome content`);
    return welcome.innerText();
  }

  /** The labels of the tree rows the view shows now, top to bottom. */
  async treeRows(): Promise<string[]> {
    const rows = this.locator.locator('.monaco-list-row');
    await this.workbench.expectVisible(rows.first(), `the "${this.name}" view to show tree rows`);
    return rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('aria-label') ?? element.textContent ?? ''),
    );
  }

  /** Waits until a row with exactly this label is shown, and returns it. */
  async treeRow(label: string): Promise<Locator> {
    const row = this.locator.locator(`.monaco-list-row[aria-label="${label}"]`);
    await this.workbench.expectVisible(row, `a row "${label}" in the "${this.name}" view`);
    return row;
  }

  /**
   * Waits until a row whose name is exactly `name` is shown, and returns it. Unlike
   * `treeRow`, the description beside the name (a metric, a time) may be anything.
   */
  async rowNamed(name: string): Promise<Locator> {
    const row = this.locator.locator('.monaco-list-row').filter({
      has: this.locator.page().locator('.label-name', { hasText: exactly(name) }),
    });
    await this.workbench.expectVisible(row, `a row named "${name}" in the "${this.name}" view`);
    return row;
  }

  /** What `row` shows now: label, description and icon, read from the page, not the model. */
  async rowContent(row: Locator): Promise<TreeRowContent> {
    return row.evaluate((element) => ({
      label: element.querySelector('.label-name')?.textContent ?? '',
      description: element.querySelector('.label-description')?.textContent ?? '',
      iconClasses: [
        ...(element.querySelector('.custom-view-tree-node-item-icon')?.classList ?? []),
      ],
    }));
  }

  /** Expands a collapsed row through its twistie, and waits until it is open. */
  async expand(row: Locator): Promise<void> {
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
    }

    await this.workbench.expectVisible(
      row.and(this.locator.page().locator('[aria-expanded="true"]')),
      `the row ${await row.getAttribute('aria-label')} to expand`,
    );
  }

  /** Selects the rows named `names` as a person does: a click, then Ctrl+click on the rest. */
  async select(names: string[]): Promise<Locator[]> {
    // Every row first: a row that arrives later moves the others while they are clicked.
    const rows: Locator[] = [];
    for (const name of names) {
      rows.push(await this.rowNamed(name));
    }

    for (const [position, row] of rows.entries()) {
      await row.click({ modifiers: position === 0 ? [] : ['Control'] });
    }

    for (const row of rows) {
      await this.workbench.expectVisible(
        row.and(this.locator.page().locator('.selected')),
        `the row ${await row.getAttribute('aria-label')} to be selected`,
      );
    }

    return rows;
  }
}

/** One workbench page; the steps of a test are numbered and photographed under `folder`. */
export class Workbench {
  private folder: string;
  private stepNumber = 0;
  private currentStep = '(before the first step)';

  /** The messages of dialogs (alert, confirm, prompt) any frame opened; each was dismissed. */
  readonly dialogs: string[] = [];

  /**
   * @param resultsFolder where each test's numbered step screenshots go.
   * @param docImagesFolder where `saveDocImage` also writes, when the README's pictures are
   *   being renewed (LABBOOK_DOC_IMAGES=1); undefined leaves the docs alone.
   */
  constructor(
    readonly page: Page,
    private readonly resultsFolder: string,
    private readonly docImagesFolder?: string,
  ) {
    this.folder = resultsFolder;
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  /** Starts a new test: its screenshots go to their own folder, numbered from 1. */
  beginTest(suiteTitle: string, testTitle: string): void {
    this.folder = join(this.resultsFolder, slug(suiteTitle), slug(testTitle));
    mkdirSync(this.folder, { recursive: true });
    this.stepNumber = 0;
  }

  /**
   * Runs one step a person would take, then saves a screenshot of the result. A failing step
   * saves a screenshot marked `failed` and rethrows with the step's name in the message.
   */
  async step<T>(description: string, action: () => Promise<T>): Promise<T> {
    this.stepNumber += 1;
    this.currentStep = `step ${this.stepNumber} "${description}"`;
    const name = `${String(this.stepNumber).padStart(2, '0')}-${slug(description)}`;
    try {
      const result = await action();
      await this.page.screenshot({ path: join(this.folder, `${name}.png`) });
      return result;
    } catch (error) {
      await this.page.screenshot({ path: join(this.folder, `${name}-failed.png`) }).catch(() => {
        // A page that is gone cannot be photographed; the error below says why.
      });
      const reason = error instanceof Error ? error.message : String(error);
      throw new WorkbenchStepError(`In ${this.currentStep}: ${reason}`);
    }
  }

  /**
   * Saves the window as a picture for the docs: always beside the test's step screenshots,
   * and in the docs' images folder too when that was asked for.
   */
  async saveDocImage(name: string): Promise<void> {
    const targets = [join(this.folder, `doc-${name}`)];
    if (this.docImagesFolder) {
      targets.push(join(this.docImagesFolder, name));
    }

    for (const path of targets) {
      mkdirSync(dirname(path), { recursive: true });
      await this.page.screenshot({ path });
    }
  }

  /** Rests the pointer on the empty middle of the activity bar, where nothing shows a hover. */
  async restPointer(): Promise<void> {
    const bar = await this.page.locator('.part.activitybar').boundingBox();
    if (bar) {
      await this.page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height * 0.6);
    }

    await this.expectHidden(this.page.locator('.monaco-hover'), 'hovers to close');
  }

  /** Waits for `locator` to be hidden or gone, failing with "expected <what>". */
  async expectHidden(locator: Locator, what: string): Promise<void> {
    try {
      await locator.first().waitFor({ state: 'hidden', timeout: waitMilliseconds });
    } catch {
      throw new WorkbenchStepError(
        `expected ${what} within ${waitMilliseconds / 1000} s, but it stayed (${locator}).`,
      );
    }
  }

  /** Waits for `locator` to be visible, failing with "expected <what>" rather than a selector. */
  async expectVisible(locator: Locator, what: string): Promise<void> {
    try {
      await locator.waitFor({ state: 'visible', timeout: waitMilliseconds });
    } catch {
      throw new WorkbenchStepError(
        `expected ${what} within ${waitMilliseconds / 1000} s, but it did not appear (${locator}).`,
      );
    }
  }

  /** Waits until the workbench has laid out its parts and the extensions have been loaded. */
  async waitUntilReady(): Promise<void> {
    await this.expectVisible(
      this.page.locator('.monaco-workbench .part.activitybar'),
      'the activity bar',
    );
    await this.expectVisible(
      this.page.locator('.monaco-workbench .part.statusbar'),
      'the status bar',
    );
  }

  /**
   * Shows the side bar of the activity bar entry whose tooltip starts with `title`. It clicks
   * the entry only when that side bar is not already shown, since a second click hides it.
   */
  async openActivity(title: string): Promise<void> {
    const entry = this.page.locator('.part.activitybar li.action-item').filter({
      has: this.page.locator(`.action-label[aria-label^="${title}"]`),
    });
    await this.expectVisible(entry, `an activity bar entry "${title}"`);
    if ((await entry.getAttribute('aria-selected')) !== 'true') {
      await entry.click();
    }

    await this.expectVisible(
      this.page.locator('.part.activitybar li.action-item.checked').filter({
        has: this.page.locator(`.action-label[aria-label^="${title}"]`),
      }),
      `the "${title}" side bar to be shown`,
    );
  }

  /** The side bar's title, as VS Code shows it ("LABBOOK: RUNS" is "Labbook: Runs" here). */
  async sideBarTitle(): Promise<string> {
    const title = this.page.locator('.part.sidebar .composite.title h2');
    await this.expectVisible(title, 'a side bar with a title');
    return title.innerText();
  }

  /** The view named `name` in the side bar, once it is visible. */
  async view(name: string): Promise<ViewPane> {
    // A pane's header is labelled "<name> Section", followed by ": <folder>" for the Explorer;
    // a view with a description reads "<name> - <description> Section".
    const header = [`[aria-label^="${name} Section"]`, `[aria-label^="${name} - "]`]
      .map((label) => `.pane-header${label}`)
      .join(', ');
    const pane = this.page.locator('.part.sidebar .pane').filter({
      has: this.page.locator(header),
    });
    await this.expectVisible(pane.locator('.pane-body'), `the "${name}" view in the side bar`);
    return new ViewPane(this, name, pane);
  }

  /** Opens the command palette (F1) and runs the command with exactly this label. */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.chooseQuickPickItem(label, label);
  }

  /** Types `filter` into the open quick pick and chooses the item labelled `label`. */
  async chooseQuickPickItem(filter: string, label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    await this.expectVisible(input, 'a quick pick to be open');

    // Typed rather than filled, so a prefix the quick pick already holds (">" for commands,
    // "view " for Open View) stays in front of the filter.
    await input.pressSequentially(filter);
    const item = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) })
      .first();
    await this.expectVisible(item, `a quick pick item "${label}" after typing "${filter}"`);
    await item.click();
  }

  /** Right-clicks `target` and chooses the entry labelled `item` in its context menu. */
  async chooseContextMenuItem(target: Locator, item: string): Promise<void> {
    await target.click({ button: 'right' });
    const entry = this.page
      .locator('.monaco-menu .action-item')
      .filter({ has: this.page.locator('.action-label', { hasText: exactly(item) }) });
    await this.expectVisible(entry, `a context menu entry "${item}"`);

    // A click that lands while the menu is still opening can go unheard; pointing at the
    // entry and pressing Enter is what a person's hand does and always takes.
    await entry.hover();
    await this.expectVisible(entry.and(this.page.locator('.focused')), `"${item}" to be focused`);
    await this.page.keyboard.press('Enter');
    await this.expectHidden(this.page.locator('.monaco-menu'), 'the context menu to close');
  }

  /** Hides the panel (terminal, output, …) when it is shown, giving its room to the editors. */
  async hidePanel(): Promise<void> {
    const panel = this.page.locator('.part.panel');
    if (await panel.isVisible()) {
      await this.runCommand('View: Hide Panel');
    }

    await this.expectHidden(panel, 'the panel to hide');
  }

  /** Picks a colour theme with Preferences: Color Theme, as a person does. */
  async chooseColorTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.chooseQuickPickItem(label, label);
    await this.expectHidden(this.page.locator('.quick-input-widget'), 'the theme picker to close');
  }

  /** Types `text` into the open input box and presses Enter. */
  async answerInputBox(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    await this.expectVisible(input, 'an input box to be open');
    await input.pressSequentially(text);
    await input.press('Enter');
  }

  /** The items of the open quick pick, each as its label and description. */
  async quickPickItems(): Promise<{ label: string; description: string }[]> {
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await this.expectVisible(rows.first(), 'a quick pick with items');
    return rows.evaluateAll((elements) =>
      elements.map((element) => ({
        label: element.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: element.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );
  }

  /**
   * Asks `read` again and again until it returns something, and returns that; fails with
   * "expected <what>" and the last thing read when the wait runs out.
   */
  async eventually<T>(
    what: string,
    read: () => Promise<T | undefined>,
    timeoutMilliseconds = waitMilliseconds,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMilliseconds;
    let last: unknown;
    for (;;) {
      try {
        const value = await read();
        if (value !== undefined) {
          return value;
        }
      } catch (error) {
        last = error instanceof Error ? error.message : error;
      }

      if (Date.now() > deadline) {
        const seen = last === undefined ? '' : ` (last seen: ${String(last)})`;
        throw new WorkbenchStepError(
          `expected ${what} within ${timeoutMilliseconds / 1000} s, but it did not happen${seen}.`,
        );
      }

      await this.page.waitForTimeout(250);
    }
  }

  /** Opens a file of the workspace through Quick Open (Ctrl+P). */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input.input');
    await this.expectVisible(input, 'Quick Open to be open');
    await input.pressSequentially(name);
    const item = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name });
    await this.expectVisible(item.first(), `Quick Open to offer "${name}"`);
    await item.first().click();
  }

  /** Waits for the panel's editor (the Output view, say) to show `text`, and returns all of it. */
  async panelTextContaining(text: string): Promise<string> {
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines');
    await this.expectVisible(lines.filter({ hasText: text }), `the panel to show "${text}"`);

    // The editor lays text out with non-breaking spaces.
    return (await lines.innerText()).replace(/\u00a0/g, ' ');
  }

  /** The title of the editor tab in front, once there is one. */
  async activeEditorTitle(): Promise<string> {
    const tab = this.page.locator('.part.editor .tab.active .label-name').first();
    await this.expectVisible(tab, 'an open editor');
    return tab.innerText();
  }

  /** The messages of the notifications on screen now. */
  notificationMessages(): Promise<string[]> {
    return this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
  }

  /**
   * The content of the open webview whose page shows `text`. VS Code puts each webview in an
   * iframe, with the extension's page in a second iframe inside it.
   */
  async webviewShowing(text: string): Promise<FrameLocator> {
    const outerFrames = this.page.locator('iframe.webview.ready');
    const deadline = Date.now() + waitMilliseconds;
    for (;;) {
      const count = await outerFrames.count();
      for (let index = 0; index < count; index += 1) {
        const content = outerFrames
          .nth(index)
          .contentFrame()
          .locator('#active-frame')
          .contentFrame();
        if ((await content.locator('body').filter({ hasText: text }).count()) > 0) {
          return content;
        }
      }

      if (Date.now() > deadline) {
        throw new WorkbenchStepError(
          `expected a webview showing "${text}" within ${waitMilliseconds / 1000} s; ` +
            `${count} webview(s) were open.`,
        );
      }

      await this.page.waitForTimeout(250);
    }
  }
}
