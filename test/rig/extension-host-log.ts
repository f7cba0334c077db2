/**
 * Collects the log lines the workbench hands to `window.codeAutomationLog` (its own and the
 * extension host's console, where mocha reports) and prints the ones that matter.
 */
import { format } from 'node:util';

// The workbench's routine chatter while it connects, and the failed look-ups of the extension
// gallery that a machine without internet access always has: they say nothing about the suite.
const routinePatterns = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/,
];

/** The log of one workbench session. */
export class ExtensionHostLog {
  private readonly lines: string[] = [];

  /** `print` receives each line that matters; with `verbose` every line. */
  constructor(
    private readonly print: (line: string) => void,
    private readonly verbose = process.env.LABBOOK_RIG_VERBOSE === '1',
  ) {}

  /** Takes one call of `codeAutomationLog(type, args)`, whose args are console-style. */
  add(type: string, args: unknown[]): void {
    const message = format(...args);
    const line = type === 'info' ? message : `${type}: ${message}`;
    this.lines.push(line);
    if (this.verbose || !routinePatterns.some((pattern) => pattern.test(message))) {
      this.print(line);
    }
  }

  /** The number mocha gave in its "N passing" summary, or 0 when no summary arrived. */
  passingCount(): number {
    const counts = this.lines.map((line) => /^\s*(\d+) passing\b/.exec(line)?.[1] ?? '0');
    return Math.max(0, ...counts.map(Number));
  }
}
