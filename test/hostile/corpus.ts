/**
 * The hostile-input corpus: every case with its input and the outcome it must have. The test
 * files of each category (`<category>.test.ts`) run these inputs through the real product, one
 * `it` per case. `found` names the product bug a case exposed, fixed in the product since.
 */

/** One hostile input and what must happen to it. */
export interface HostileCase<Input> {
  /** What is fed in, as the test's name. */
  name: string;
  input: Input;
  /** The outcome, in words; the test asserts it. */
  expected: string;
  /** The product bug this case found, when it found one. */
  found?: string;
}

/** Checked in the real workbench and in Chromium rather than here. */
export const COVERED_ELSEWHERE = [
  {
    name: 'an HTML run name and param in the Runs view, its tooltip, and the Compare panel',
    expected: 'shown as text in the tree, tooltip, legend, table and diff; no script runs',
    where: 'test/e2e/hostile-names.test.ts (real workbench)',
  },
  {
    name: 'hostile run names and params in the Compare webview',
    expected: 'rendered through textContent, never parsed as HTML',
    where: 'test/webview (Chromium harness, hostile scenario)',
  },
  {
    name: 'Start Tracked Run and launch.json in Restricted Mode',
    expected: 'nothing starts; launch.json is never read',
    where: 'test/integration-restricted/restricted-mode.test.ts (real extension host)',
  },
];

// Markup and links: each text goes in as a run's name, a param, a tag, a note and (when it
// has no control characters) a metric key.

/** Where a markup case's text must show as text. */
export interface MarkupInput {
  text: string;
}

export const MARKUP: HostileCase<MarkupInput>[] = [
  {
    name: 'a script element',
    input: { text: '<script>alert(1)</script>' },
    expected: 'text in the tooltip, reports and CLI; no element made',
  },
  {
    name: 'an image with an error handler',
    input: { text: '<img src=x onerror=alert(1)>' },
    expected: 'text everywhere; no img element, no handler',
  },
  {
    name: 'a Markdown link to javascript:',
    input: { text: '[click me](javascript:alert(1))' },
    expected: 'text in the tooltip and the Markdown report; no link',
  },
  {
    name: 'a Markdown link to a command URI',
    input: { text: '[delete](command:labbook.deleteRun?%5B%22x%22%5D)' },
    expected: 'text in the tooltip; no command link',
  },
  {
    name: 'an HTML link to a command URI',
    input: { text: '<a href="command:workbench.action.terminal.new">open</a>' },
    expected: 'text; no anchor element',
  },
  {
    name: 'a Markdown image that would fetch a tracking pixel',
    input: { text: '![pixel](https://attacker.example/pixel.png)' },
    expected: 'text; no image, so nothing is fetched, and no autolink in the Markdown report',
    found: 'markdown-report-autolink',
  },
  {
    name: 'a bare URL that Markdown would turn into a link',
    input: { text: 'https://attacker.example/?q=1' },
    expected: 'text; no autolink, not even in the Markdown report',
    found: 'markdown-report-autolink',
  },
  {
    name: 'a Markdown table row and a line break',
    input: { text: '| cell | injected |\n|---|---|\n# heading' },
    expected: 'one line of text inside its own tooltip cell; no new row or heading',
  },
  {
    name: 'a spreadsheet formula',
    input: { text: '=HYPERLINK("https://attacker.example","open")' },
    expected: 'defused with a leading quote in labbook export; text elsewhere',
    found: 'csv-formula-export',
  },
  {
    name: 'terminal escapes: a hyperlink, a title change and a screen clear',
    input: {
      text:
        '\u001b]8;;https://attacker.example\u0007link\u001b]8;;\u0007' +
        '\u001b]0;pwned\u0007\u001b[2J',
    },
    expected: 'no escape byte reaches the terminal; the name round-trips in JSON',
  },
  {
    name: 'bidi overrides and a line separator',
    input: { text: 'safe\u202etxt.exe\u2066\u2028next' },
    expected: 'escaped in JSON output and exact once parsed; one tooltip row, not broken at U+2028',
    found: 'line-separator-breaks-table',
  },
];

// Paths: artifact names given to the SDKs, and paths a record or a run folder points at.
// `{outside}` stands for a folder beside the store, where nothing may ever be written.

export interface ArtifactNameInput {
  /** The name the program gives the artifact. */
  artifactName: string;
  /** What the refusal must say. */
  message: RegExp;
}

export const ARTIFACT_NAMES: HostileCase<ArtifactNameInput>[] = [
  {
    name: 'a climb to etc/passwd',
    input: { artifactName: '../../etc/passwd', message: /climbs out of the run folder/ },
    expected: 'refused; nothing written',
  },
  {
    name: 'a climb to a folder beside the store',
    input: { artifactName: '../../../../outside/passwd', message: /climbs out/ },
    expected: 'refused; nothing written outside',
  },
  {
    name: 'a climb hidden in the middle',
    input: { artifactName: 'models/./../../../x', message: /climbs out of the run folder/ },
    expected: 'refused',
  },
  {
    name: 'a climb with Windows separators',
    input: { artifactName: '..\\..\\boot.ini', message: /climbs out of the run folder/ },
    expected: 'refused',
  },
  {
    name: 'an absolute POSIX path',
    input: { artifactName: '{outside}/absolute.txt', message: /is absolute/ },
    expected: 'refused; nothing written there',
  },
  {
    name: 'an absolute Windows path',
    input: { artifactName: 'C:\\Windows\\win.ini', message: /is absolute/ },
    expected: 'refused',
  },
  {
    name: 'a UNC path',
    input: { artifactName: '\\\\server\\share\\x', message: /is absolute/ },
    expected: 'refused',
  },
  {
    name: 'the device CON',
    input: { artifactName: 'CON', message: /reserved device name/ },
    expected: 'refused',
  },
  {
    name: 'the device NUL with an extension, in a folder',
    input: { artifactName: 'out/nul.txt', message: /reserved device name/ },
    expected: 'refused',
  },
  {
    name: 'the device COM1 with an extension',
    input: { artifactName: 'COM1.log', message: /reserved device name/ },
    expected: 'refused',
  },
  {
    name: 'the device LPT¹ (a superscript digit)',
    input: { artifactName: 'LPT¹', message: /reserved device name/ },
    expected: 'refused',
  },
  {
    name: 'the device AUX with trailing spaces',
    input: { artifactName: 'AUX  .txt', message: /reserved device name/ },
    expected: 'refused',
  },
  {
    name: 'a NUL byte',
    input: { artifactName: 'model\u0000.pt', message: /control characters/ },
    expected: 'refused',
  },
  {
    name: 'a name of 2,000 characters',
    input: { artifactName: 'x'.repeat(2000), message: /empty or too long/ },
    expected: 'refused',
  },
  {
    name: 'a folder without a file',
    input: { artifactName: 'models/', message: /names no file/ },
    expected: 'refused',
  },
];

/** A symlink planted in a run's `artifacts/` before the program logs an artifact there. */
export interface SymlinkInput {
  /** Where the link sits, inside `artifacts/`. */
  link: string;
  /** What it points at: the outside folder, or a file in it. */
  target: 'folder' | 'file';
  /** The artifact name the program then uses. */
  artifactName: string;
  sdk: 'node' | 'python';
  message: RegExp;
}

export const ARTIFACT_SYMLINKS: HostileCase<SymlinkInput>[] = [
  {
    name: 'a folder symlink out of the run (Node SDK)',
    input: {
      link: 'out',
      target: 'folder',
      artifactName: 'out/model.pt',
      sdk: 'node',
      message: /through a symlink out of the run folder/,
    },
    expected: 'refused; nothing written outside',
  },
  {
    name: 'a file symlink in place of the artifact (Node SDK)',
    input: {
      link: 'model.pt',
      target: 'file',
      artifactName: 'model.pt',
      sdk: 'node',
      message: /is a symlink in the run folder/,
    },
    expected: 'refused; the file it points at unchanged',
  },
  {
    name: 'a folder symlink out of the run (Python SDK)',
    input: {
      link: 'out',
      target: 'folder',
      artifactName: 'out/model.pt',
      sdk: 'python',
      message: /through a symlink out of the run folder/,
    },
    expected: 'refused; nothing written outside',
  },
  {
    name: 'a file symlink in place of the artifact (Python SDK)',
    input: {
      link: 'model.pt',
      target: 'file',
      artifactName: 'model.pt',
      sdk: 'python',
      message: /symlink/,
    },
    expected: 'refused; the file it points at unchanged',
  },
];

/** Paths that a record, or the run folder itself, points at outside the run. */
export type RecordedPathInput =
  | { kind: 'artifact event'; path: string }
  | { kind: 'patch path'; path: string }
  | { kind: 'artifact symlink' }
  | { kind: 'log symlink' }
  | { kind: 'run folder symlink' };

export const RECORDED_PATHS: HostileCase<RecordedPathInput>[] = [
  {
    name: 'an artifact event whose path climbs to a file beside the store',
    input: { kind: 'artifact event', path: '../../../../outside/victim.txt' },
    expected: 'skipped as a bad line; no row of the tree opens it',
    found: 'recorded-path-escape',
  },
  {
    name: 'an artifact event with an absolute path',
    input: { kind: 'artifact event', path: '{outside}/victim.txt' },
    expected: 'skipped as a bad line',
    found: 'recorded-path-escape',
  },
  {
    name: 'a git patch path that climbs out',
    input: { kind: 'patch path', path: '../../../../outside/victim.txt' },
    expected: 'the start line skipped as bad; reproduce never sees the path',
    found: 'recorded-path-escape',
  },
  {
    name: 'an artifact copy that is a symlink to a file outside',
    input: { kind: 'artifact symlink' },
    expected: 'the tree row does not open it and says why',
    found: 'recorded-path-escape',
  },
  {
    name: 'a stdout.log that is a symlink to a file outside',
    input: { kind: 'log symlink' },
    expected: 'the log document says it is not shown; the file is not read',
    found: 'recorded-path-escape',
  },
  {
    name: 'a run folder that is a symlink out of the store',
    input: { kind: 'run folder symlink' },
    expected: 'not listed, and an edit cannot write through it',
  },
];

// The filter language, against a real index of real runs: "plain" (loss 0.3), "long param"
// (loss 0.5, a 10 MB param `long` of "a"s), and two runs whose names are hostile.

/** The names of the filter store's runs. */
export const FILTER_RUN_NAMES = [
  'plain',
  'long param',
  "'; DROP TABLE runs; --",
  'O\'Brien "the" \\ best',
];

/** A filter (or sort key), how it is given, and what it must give. */
export interface FilterInput {
  filter: string;
  sort?: string;
  /** Through `labbook ls` in a process, rather than the index in this one. */
  viaCli?: boolean;
  /** An error whose message matches, or exactly the runs of these names. */
  outcome: { error: RegExp } | { names: string[] };
}

const repeat = (text: string, count: number, separator = ''): string =>
  Array.from({ length: count }, () => text).join(separator);

export const FILTERS: HostileCase<FilterInput>[] = [
  {
    name: 'a statement after a semicolon',
    input: {
      filter: "name = 'x'; DROP TABLE runs; --",
      outcome: { error: /character 11: .*found ";"/ },
    },
    expected: 'a clean error at the ";"; every run still there',
  },
  {
    name: 'a statement after a semicolon, through the CLI',
    input: {
      filter: "name = 'x'; DROP TABLE runs; --",
      viaCli: true,
      outcome: { error: /found ";"/ },
    },
    expected: 'exit 2 and one line on stderr, no stack trace; every run still listed',
  },
  {
    name: 'a UNION',
    input: {
      filter: 'name = "x" UNION SELECT rid FROM runs',
      outcome: { error: /"and", "or" or the end of the filter but found "UNION"/ },
    },
    expected: 'a clean error at UNION',
  },
  {
    name: 'an SQL line comment',
    input: {
      filter: 'name = "plain" -- and more',
      outcome: { error: /character 16: .*found "-"/ },
    },
    expected: 'a clean error at the comment',
  },
  {
    name: 'an SQL block comment',
    input: { filter: 'name = "plain" /* hidden */', outcome: { error: /found "\/"/ } },
    expected: 'a clean error at the comment',
  },
  {
    name: 'an injection in a quoted value',
    input: {
      filter: "name = '\\'; DROP TABLE runs; --'",
      outcome: { names: ["'; DROP TABLE runs; --"] },
    },
    expected: 'the run with exactly that name; nothing dropped',
  },
  {
    name: 'quotes and a backslash in a value',
    input: {
      filter: 'name = "O\'Brien \\"the\\" \\\\ best"',
      outcome: { names: ['O\'Brien "the" \\ best'] },
    },
    expected: 'the run with exactly that name',
  },
  {
    name: 'an injection in a backtick key',
    input: { filter: "tags.`k' OR '1'='1` = \"v\"", outcome: { names: [] } },
    expected: 'no run, since none has that tag',
  },
  {
    name: 'an injection after a LIKE pattern',
    input: { filter: "name LIKE '%'' OR 1=1 --%'", outcome: { error: /found the string/ } },
    expected: 'a clean error where the pattern ends',
  },
  {
    name: 'an injection in a sort key',
    input: {
      filter: '',
      sort: 'started; DROP TABLE runs',
      outcome: { error: /The sort key has a problem/ },
    },
    expected: 'a clean sort key error',
  },
  {
    name: 'an unterminated string',
    input: { filter: 'name = "plain', outcome: { error: /character 8: expected a closing "/ } },
    expected: 'a clean error where the string starts',
  },
  {
    name: 'a NUL and an escape sequence outside quotes',
    input: {
      filter: 'name = "plain"\u0000\u001b[2J',
      outcome: { error: /character 15: .*found "\u0000"/ },
    },
    expected: 'a clean error at the NUL',
  },
  {
    name: 'a NUL inside a quoted value',
    input: { filter: 'name = "pl\u0000ain"', outcome: { names: [] } },
    expected: 'no run, and no error',
  },
  {
    name: 'a number beyond the largest double',
    input: { filter: 'metrics.loss < 1e999', outcome: { names: ['plain', 'long param'] } },
    expected: 'every run with a finite loss',
  },
  {
    name: 'a filter of exactly 10,000 characters',
    input: { filter: `name = "${'a'.repeat(10_000 - 9)}"`, outcome: { names: [] } },
    expected: 'read and run: no run has that name',
  },
  {
    name: 'a filter of 10,001 characters',
    input: {
      filter: `name = "${'a'.repeat(10_001 - 9)}"`,
      outcome: { error: /at most 10000 characters/ },
    },
    expected: 'refused with its length',
  },
  {
    name: '39 levels of parentheses',
    input: {
      filter: `${'('.repeat(39)}name = "plain"${')'.repeat(39)}`,
      outcome: { names: ['plain'] },
    },
    expected: 'read and run',
  },
  {
    name: '9,000 opening parentheses',
    input: { filter: `${'('.repeat(9000)}name = "plain"`, outcome: { error: /at most 40 levels/ } },
    expected: 'refused at once, without exhausting the stack',
  },
  {
    name: '2,000 nots',
    input: {
      filter: `${repeat('not ', 2000)}name = "plain"`,
      outcome: { error: /at most 40 levels/ },
    },
    expected: 'refused by depth',
  },
  {
    name: '201 comparisons',
    input: {
      filter: repeat('name = "a"', 201, ' or '),
      outcome: { error: /at most 200 comparisons/ },
    },
    expected: 'refused',
  },
  {
    name: '1,001 values in an IN list',
    input: {
      filter: `name IN (${repeat('"a"', 1001, ', ')})`,
      outcome: { error: /at most 1000 values/ },
    },
    expected: 'refused',
  },
  {
    name: 'a LIKE pattern that backtracks exponentially as a regular expression',
    input: { filter: `params.long LIKE "${repeat('%a', 30)}%b"`, outcome: { names: [] } },
    expected: 'answered against the 10 MB param within the bound',
  },
  {
    name: 'a LIKE piece of 255 wildcards and a letter against the 10 MB param',
    input: { filter: `params.long LIKE "%${'_'.repeat(255)}b%"`, outcome: { names: [] } },
    expected: 'answered within the bound',
    found: 'like-quadratic',
  },
  {
    name: 'an ILIKE of a 5,000-character literal against the 10 MB param',
    input: { filter: `params.long ILIKE "%${'a'.repeat(5000)}b"`, outcome: { names: [] } },
    expected: 'answered within the bound',
    found: 'like-quadratic',
  },
  {
    name: 'a LIKE literal with one odd character in the middle against the 10 MB param',
    input: {
      filter: `params.long LIKE "%${'a'.repeat(2500)}b${'a'.repeat(2500)}%"`,
      outcome: { names: [] },
    },
    expected: 'answered within the bound',
    found: 'like-quadratic',
  },
  {
    name: 'a LIKE of 100 wildcards that does match the 10 MB param',
    input: {
      filter: `params.long LIKE "${'_'.repeat(100)}%${'a'.repeat(100)}"`,
      outcome: { names: ['long param'] },
    },
    expected: 'the run, within the bound',
    found: 'like-quadratic',
  },
  {
    name: 'a LIKE piece of 257 wildcards',
    input: {
      filter: `params.long LIKE "%${'_'.repeat(257)}%"`,
      outcome: { error: /at most 256 characters/ },
    },
    expected: 'refused at its position',
    found: 'like-quadratic',
  },
];

// Numbers and sizes.

/** How a value goes in, and the JSON text the CLI must give back for it. */
export type NumberInput =
  | {
      via: 'node metric' | 'node param' | 'python metric' | 'python param';
      value: string;
      json: string;
    }
  | { via: 'node steps'; steps: number[] };

export const NUMBERS: HostileCase<NumberInput>[] = [
  {
    name: 'a NaN metric',
    input: { via: 'node metric', value: 'NaN', json: '"NaN"' },
    expected: 'stored and shown as "NaN"',
  },
  {
    name: 'a +Infinity metric',
    input: { via: 'node metric', value: 'Infinity', json: '"Infinity"' },
    expected: 'stored and shown as "Infinity"',
  },
  {
    name: 'a -Infinity metric',
    input: { via: 'node metric', value: '-Infinity', json: '"-Infinity"' },
    expected: 'stored and shown as "-Infinity"',
  },
  {
    name: 'a -0 metric',
    input: { via: 'node metric', value: '-0', json: '-0' },
    expected: 'read back as -0',
    found: 'negative-zero-lost',
  },
  {
    name: 'the largest double as a metric',
    input: { via: 'node metric', value: '1.7976931348623157e308', json: '1.7976931348623157e+308' },
    expected: 'read back exactly',
  },
  {
    name: '-1e308 as a metric',
    input: { via: 'node metric', value: '-1e308', json: '-1e+308' },
    expected: 'read back exactly',
  },
  {
    name: 'the smallest subnormal as a metric',
    input: { via: 'node metric', value: '5e-324', json: '5e-324' },
    expected: 'read back exactly',
  },
  {
    name: 'the largest subnormal as a param',
    input: { via: 'node param', value: '2.225073858507201e-308', json: '2.225073858507201e-308' },
    expected: 'read back exactly',
  },
  {
    name: 'a -0 param',
    input: { via: 'node param', value: '-0', json: '-0' },
    expected: 'read back as -0',
    found: 'negative-zero-lost',
  },
  {
    name: 'a NaN param',
    input: { via: 'node param', value: 'NaN', json: '{"$float":"NaN"}' },
    expected: 'stored as {"$float": "NaN"}, not as the string "NaN"',
  },
  {
    name: 'a -Infinity param',
    input: { via: 'node param', value: '-Infinity', json: '{"$float":"-Infinity"}' },
    expected: 'stored as {"$float": "-Infinity"}',
  },
  {
    name: 'NaN, inf, -0.0, 1e308 and the smallest subnormal as metrics from Python',
    input: {
      via: 'python metric',
      value: 'float("nan"), float("inf"), -0.0, 1e308, 5e-324',
      json: '["NaN","Infinity",-0,1e+308,5e-324]',
    },
    expected: 'the same values as from Node',
    found: 'negative-zero-lost',
  },
  {
    name: '-0.0 and -inf as params from Python',
    input: {
      via: 'python param',
      value: '-0.0, float("-inf")',
      json: '[-0,{"$float":"-Infinity"}]',
    },
    expected: 'read back exactly',
    found: 'negative-zero-lost',
  },
  {
    name: 'steps below zero, at 2^53 and at 1e300',
    input: { via: 'node steps', steps: [-5, 0, 2 ** 53, 1e300] },
    expected: 'every step read back exactly, in order',
  },
];

/** The cases of size: each runs programs whose time and peak memory are measured. */
export type SizeInput =
  | { kind: 'large param'; sdk: 'node' | 'python'; megabytes: number }
  | { kind: 'metric keys'; sdk: 'node' | 'python' | 'record'; keys: number }
  | { kind: 'stdout line'; megabytes: number }
  | { kind: 'record line'; megabytes: number }
  | { kind: 'unfinished progress bar'; megabytes: number };

/** A size case with its bounds: each measured program stays under both. */
export interface SizeCase extends HostileCase<SizeInput> {
  bounds: { peakMb: number; seconds: number };
}

export const SIZES: SizeCase[] = [
  {
    name: 'a 10 MB param value from Node',
    input: { kind: 'large param', sdk: 'node', megabytes: 10 },
    bounds: { peakMb: 400, seconds: 30 },
    expected: 'stored exactly; show prints it shortened',
  },
  {
    name: 'a 10 MB param value from Python',
    input: { kind: 'large param', sdk: 'python', megabytes: 10 },
    bounds: { peakMb: 400, seconds: 30 },
    expected: 'stored exactly',
  },
  {
    name: 'a million distinct metric keys in one row from Node',
    input: { kind: 'metric keys', sdk: 'node', keys: 1_000_000 },
    bounds: { peakMb: 700, seconds: 40 },
    expected: 'refused with a sentence; the run keeps 10,000 keys logged in rows that fit',
    found: 'metric-key-flood',
  },
  {
    name: 'a million distinct metric keys in one row from Python',
    input: { kind: 'metric keys', sdk: 'python', keys: 1_000_000 },
    bounds: { peakMb: 700, seconds: 40 },
    expected: 'refused with a sentence; the run keeps 10,000 keys logged in rows that fit',
    found: 'metric-key-flood',
  },
  {
    name: 'a million distinct metric keys in one hand-written record line',
    input: { kind: 'metric keys', sdk: 'record', keys: 1_000_000 },
    bounds: { peakMb: 700, seconds: 40 },
    expected: 'the first 10,000 kept, the rest reported as left out',
    found: 'metric-key-flood',
  },
  {
    name: 'a 100 MB single line on stdout',
    input: { kind: 'stdout line', megabytes: 100 },
    bounds: { peakMb: 250, seconds: 40 },
    expected: 'kept byte for byte in stdout.log; the scalars around it recorded',
  },
  {
    name: 'a 100 MB single line in a record',
    input: { kind: 'record line', megabytes: 100 },
    bounds: { peakMb: 300, seconds: 30 },
    expected: 'skipped as too long without being held; the rest of the run read',
  },
  {
    name: 'a 20 MB progress bar that never ends its line',
    input: { kind: 'unfinished progress bar', megabytes: 20 },
    bounds: { peakMb: 250, seconds: 30 },
    expected: 'kept in stdout.log; the scalar after it recorded',
  },
];

// Text: what programs print, and what records hold.

export interface OutputInput {
  /** Bytes the program writes to stdout, as a Python bytes literal's content. */
  stdout: string;
  /** The metrics that must be recorded, by key: their values in order. */
  metrics: Record<string, number[]>;
}

export const OUTPUT_TEXT: HostileCase<OutputInput>[] = [
  {
    name: 'ANSI colours around a scalar',
    input: { stdout: '\\x1b[32macc: 0.25\\x1b[0m\\n', metrics: { acc: [0.25] } },
    expected: 'the scalar recorded; the log keeps the colours',
  },
  {
    name: 'a progress bar redrawn with carriage returns',
    input: {
      stdout: '\\rloss: 9\\rloss: 8\\rloss: 7\\n\\r 45%|####   | 45/100 [00:02<00:03, loss=0.3]\\n',
      metrics: { loss: [7] },
    },
    expected: 'only what the terminal finally shows counts; the bar is no metric',
  },
  {
    name: 'an OSC 8 hyperlink around a scalar',
    input: {
      stdout: '\\x1b]8;;https://attacker.example\\x1b\\\\lr: 0.5\\x1b]8;;\\x1b\\\\\\n',
      metrics: { lr: [0.5] },
    },
    expected: 'the scalar recorded without the link',
  },
  {
    name: 'a bell and a backspace in a scalar line',
    input: { stdout: 'x\\x07bell: 5\\nde\\x08l: 6\\nok: 1\\n', metrics: { ok: [1] } },
    expected: 'no metric from the lines with control characters',
  },
  {
    name: 'NUL bytes',
    input: { stdout: 'nul\\x00key: 4\\n\\x00\\x00\\nok: 2\\n', metrics: { ok: [2] } },
    expected: 'no metric from the NUL line; the log keeps every byte',
  },
  {
    name: 'invalid UTF-8',
    input: {
      stdout: 'bad \\xff\\xfe: 3\\nval\\xc3: 1\\ngood: 3\\n\\xed\\xa0\\x80\\n',
      metrics: { good: [3] },
    },
    expected: 'no metric from the broken lines; the log keeps every byte',
  },
];

/** Custom stdout patterns, from the store's config, that capture keys no record may hold. */
export interface PatternInput {
  pattern: string | { pattern: string; key: string };
  /** Python source that prints the output. */
  prints: string;
  /** The metrics that must be recorded, or the refusal `labbook run` must give. */
  outcome: { metrics: Record<string, number[]> } | { refused: RegExp };
}

export const PATTERN_KEYS: HostileCase<PatternInput>[] = [
  {
    name: 'a captured key with a control character beside good ones',
    input: {
      pattern: '^(?<key>[^=]*)=(?<value>\\S+)$',
      prints: 'print("\\x01bad=1"); print("loss=2"); print("acc=4")',
      outcome: { metrics: { loss: [2], acc: [4] } },
    },
    expected: 'the bad key is no scalar; loss and acc, in the same batch, are recorded',
    found: 'pattern-key-batch-loss',
  },
  {
    name: 'an empty captured key',
    input: {
      pattern: '^(?<key>[a-z]*)=(?<value>\\S+)$',
      prints: 'print("=3"); print("loss=2")',
      outcome: { metrics: { loss: [2] } },
    },
    expected: 'no scalar from "=3"; loss recorded',
    found: 'pattern-key-batch-loss',
  },
  {
    name: 'a fixed key with a newline',
    input: {
      pattern: { pattern: 'L=(?<value>\\S+)', key: 'lo\nss' },
      prints: 'print("L=1")',
      outcome: {
        refused: /config\.json: the key "lo\\nss" of the pattern .* holds a control character/,
      },
    },
    expected: 'labbook run refuses the config, naming the file',
    found: 'pattern-key-batch-loss',
  },
];

/** Characters in values given to the Node SDK as a run's name, a param and a tag. */
export interface ValueTextInput {
  value: string;
  /** What the name and the tag read back as, when not the value itself. */
  shownAs?: string;
}

export const VALUE_TEXT: HostileCase<ValueTextInput>[] = [
  {
    name: 'NUL, escape and bell',
    input: { value: 'a\u0000b\u001b[31mc\u0007d' },
    expected: 'stored exactly; the CLI shows symbols for them',
  },
  {
    name: 'DEL and C1 controls',
    input: { value: 'x\u007fy\u009bz\u0085' },
    expected: 'stored exactly; the CLI shows none of them raw',
  },
  {
    name: 'a lone surrogate',
    input: { value: 'half \ud800 pair', shownAs: 'half \ufffd pair' },
    expected: 'the param exact; the name and tag with one U+FFFD, and the run found by its name',
    found: 'lone-surrogate-mangled',
  },
];

// Records: lines no well-behaved writer writes. Each bad line goes in as line 3 of a run's
// main record, between two good metrics lines.

/** A deeply nested JSON array, as text: JSON.stringify cannot write one this deep. */
const DEEP = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

export interface RecordInput {
  /** The raw line, or an event that is chained as a line. */
  line: string | Record<string, unknown>;
  /** The reason the reader must give for it. */
  reason: RegExp;
}

export const BAD_LINES: HostileCase<RecordInput>[] = [
  {
    name: 'malformed JSON',
    input: { line: '{"seq": 2, "time": 1, "type": "metr', reason: /not valid JSON/ },
    expected: 'skipped with its line number; every other line read',
  },
  {
    name: 'a JSON array',
    input: { line: '[1, 2, 3]', reason: /not a JSON object/ },
    expected: 'skipped; every other line read',
  },
  {
    name: 'a JSON string',
    input: { line: '"hello"', reason: /not a JSON object/ },
    expected: 'skipped; every other line read',
  },
  {
    name: 'a blank line',
    input: { line: '   ', reason: /empty line/ },
    expected: 'skipped; every other line read',
  },
  {
    name: 'metrics without times',
    input: {
      line: { type: 'metrics', steps: [0], values: { loss: [1] } },
      reason: /needs "steps", "times" and "values"/,
    },
    expected: 'skipped, saying what is missing',
  },
  {
    name: 'a metric key with a newline',
    input: {
      line: { type: 'metrics', steps: [5], times: [1], values: { 'a\nb': [1] } },
      reason: /empty or holds control characters/,
    },
    expected: 'skipped',
  },
  {
    name: 'a metric value that is a string',
    input: {
      line: { type: 'metrics', steps: [5], times: [1], values: { loss: ['0.5'] } },
      reason: /not a number/,
    },
    expected: 'skipped',
  },
  {
    name: 'a time that is a string',
    input: { line: { type: 'note', time: 'noon', text: 'x' }, reason: /invalid "time"/ },
    expected: 'skipped',
  },
  {
    name: 'an event type from a future format version',
    input: { line: { type: 'checkpoint', step: 3 }, reason: /unknown event type "checkpoint"/ },
    expected: 'skipped as unknown; the known events of the same file read',
  },
  {
    name: 'a param value that is an object',
    input: { line: { type: 'params', params: { cfg: { depth: 3 } } }, reason: /wrong type/ },
    expected: 'skipped',
  },
  {
    name: 'a note whose user is an array nested 20,000 deep',
    input: {
      line: `{"seq":2,"time":1800000000,"type":"note","text":"x","user":${DEEP}}`,
      reason: /a note event's "user" must be a string/,
    },
    expected: 'skipped; the store stays readable',
    found: 'record-field-types',
  },
  {
    name: 'a $float param with more inside it',
    input: {
      line:
        '{"seq":2,"time":1800000000,"type":"params",' +
        `"params":{"p":{"$float":"NaN","x":${DEEP}}}}`,
      reason: /params value of "p" has the wrong type/,
    },
    expected: 'skipped; the store stays readable',
    found: 'record-field-types',
  },
  {
    name: 'an artifact size that is a string',
    input: {
      line: { type: 'artifact', name: 'm', path: 'artifacts/m', sha256: '00', size: 'huge' },
      reason: /"size" must be a whole number/,
    },
    expected: 'skipped',
    found: 'record-field-types',
  },
  {
    name: 'an exit code that is a string',
    input: {
      line: { type: 'end', status: 'finished', exitCode: '0', signal: null, duration: 1 },
      reason: /"exitCode" must be a finite number or null/,
    },
    expected: 'skipped; the run does not end',
    found: 'record-field-types',
  },
  {
    name: 'an end status that is a command link',
    input: {
      line: { type: 'end', status: '[delete](command:labbook.deleteRun)', exitCode: 0 },
      reason: /"status" must be "finished", "failed" or "killed"/,
    },
    expected: 'skipped; the run keeps a real status, and its tooltip no link',
    found: 'status-any-text',
  },
  {
    name: 'a status event announcing an unknown status',
    input: {
      line: { type: 'status', status: '<img src=x onerror=alert(1)>' },
      reason: /"status" must be "running", "finished", "failed" or "killed"/,
    },
    expected: 'skipped',
    found: 'status-any-text',
  },
];

/** A start event with one field of the wrong type, beside a run that is fine. */
export interface StartFieldInput {
  /** Fields laid over a good start event, or the whole line as text. */
  fields: Record<string, unknown> | string;
  reason: RegExp;
}

export const START_FIELDS: HostileCase<StartFieldInput>[] = [
  {
    name: 'a git state that is a number',
    input: { fields: { git: 5 }, reason: /"git" must be null or an object/ },
    expected: 'the start skipped; show works; the run beside it listed',
    found: 'record-field-types',
  },
  {
    name: 'a command that is a string',
    input: { fields: { command: 'rm -rf /' }, reason: /"command" must be a list of strings/ },
    expected: 'the start skipped; nothing would rerun it',
    found: 'record-field-types',
  },
  {
    name: 'an environment with a number in it',
    input: { fields: { env: { PATH: 1 } }, reason: /"env" must be an object of strings/ },
    expected: 'the start skipped',
    found: 'record-field-types',
  },
  {
    name: 'git state nested 20,000 deep',
    input: {
      fields:
        '{"seq":0,"time":1800000000,"type":"start","format":1,"run":"{id}","name":"{id}",' +
        `"experiment":"Default","command":null,"cwd":"/w","host":"h","writer":"t","git":${DEEP}}`,
      reason: /"git" must be null or an object/,
    },
    expected: 'the start skipped; the store stays readable',
    found: 'record-field-types',
  },
];

/** Sequence numbers that repeat or go back: the seq of each metrics line after the start. */
export const SEQUENCES: HostileCase<{ seqs: number[]; kept: number }>[] = [
  {
    name: 'a duplicate sequence number',
    input: { seqs: [1, 2, 2, 3], kept: 3 },
    expected: 'the repeat skipped as "repeats or goes back"; the rest read',
  },
  {
    name: 'a sequence number that goes back',
    input: { seqs: [1, 5, 3, 6], kept: 3 },
    expected: 'the step back skipped; the rest read',
  },
];

/** Runs that share a name, and keys that are names of Object.prototype's properties. */
export const NAMES_AND_KEYS: HostileCase<{ kind: 'same name' | 'prototype keys' }>[] = [
  {
    name: 'two runs with the same name',
    input: { kind: 'same name' },
    expected: 'show, diff and tag by that name refuse, naming both ids; by id they work',
  },
  {
    name: 'params and metrics named __proto__, constructor and toString',
    input: { kind: 'prototype keys' },
    expected: 'kept as ordinary keys; no object prototype changes',
  },
];

// Secrets (docs/security.md): what the launcher records and what the extension logs. One
// tracked run plants every secret everywhere a command can put it; each case checks its own.

/** Where one kind of secret is planted, and the values that must never be written down. */
export interface SecretInput {
  /** The secret values of this kind, as planted. */
  values: string[];
}

/** The planted values, fixed so that a case can name them. */
export const PLANTED = {
  aws: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  token: 'ghp_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e',
  urlPasswords: ['pa55word-in-param', 'hunter22-in-tag', 'env-url-secret', 'argv-url-secret'],
  remote: 'remote-url-secret',
};

export const SECRETS: HostileCase<SecretInput>[] = [
  {
    name: 'AWS_SECRET_ACCESS_KEY, printed, passed as an argument, a param and a tag',
    input: { values: [PLANTED.aws] },
    expected: 'in no file of the store: record, logs, index or ledger',
    found: 'secret-in-tags-and-param-env',
  },
  {
    name: 'GITHUB_TOKEN (a *_TOKEN), printed on stderr and given as a tag',
    input: { values: [PLANTED.token] },
    expected: 'in no file of the store',
    found: 'secret-in-tags-and-param-env',
  },
  {
    name: 'passwords in URLs: an argument, a param, a tag, an allowlisted variable, the git remote',
    input: { values: [...PLANTED.urlPasswords, PLANTED.remote] },
    expected: 'in no file of the store; the URLs kept with [redacted] for the password',
    found: 'argv-secret-in-logs',
  },
];

/** A command line as the extension logs it when it starts a run (run-terminal.ts). */
export interface LoggedCommandInput {
  command: string[];
  /** Values the logged line must not hold. */
  hidden: string[];
}

export const LOGGED_COMMANDS: HostileCase<LoggedCommandInput>[] = [
  {
    name: 'the AWS secret as an argument and as --aws-secret-access-key=',
    input: {
      command: ['aws', 's3', 'cp', PLANTED.aws, `--aws-secret-access-key=${PLANTED.aws}`],
      hidden: [PLANTED.aws],
    },
    expected: 'the log line has [redacted] for both',
  },
  {
    name: 'a token after --token, and as GITHUB_TOKEN=',
    input: {
      command: ['env', `GITHUB_TOKEN=${PLANTED.token}`, 'gh', '--token', PLANTED.token],
      hidden: [PLANTED.token],
    },
    expected: 'the log line has [redacted] for both',
  },
  {
    name: 'a password inside a URL argument',
    input: {
      command: ['python3', 'train.py', '--db', 'postgres://trainer:argv-url-secret@db:5432/runs'],
      hidden: ['argv-url-secret'],
    },
    expected: 'the URL logged with [redacted] for its password',
  },
];
