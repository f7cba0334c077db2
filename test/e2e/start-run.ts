/** Starts a tracked run from the command palette by typing its command, as a person does. */
import type { Workbench } from './workbench';

/** F1 → Labbook: Start Tracked Run → Enter a command… → `line` and Enter, each a step. */
export async function startTypedCommand(page: Workbench, line: string): Promise<void> {
  await page.step('press F1 and run Labbook: Start Tracked Run', () =>
    page.runCommand('Labbook: Start Tracked Run'),
  );
  await page.step('pick Enter a command…', () =>
    page.chooseQuickPickItem('Enter a command', 'Enter a command…'),
  );
  await page.step('type the command and press Enter', () => page.answerInputBox(line));
}
