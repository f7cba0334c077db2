/**
 * What `labbook verify` (and the extension's "Verify Store") finds: per run, per record
 * file and for the ledger, each problem named by run, file, line and field.
 */
import type { FieldChange } from './field-changes';

/** The kinds of problem, from the narrowest to the widest. */
export type ProblemKind =
  /** A line's content no longer matches its hash. */
  | 'line-changed'
  /** A line's hash field was changed; its content is as written. */
  | 'hash-changed'
  /** A line's `seq` is not its position: lines were removed, added or reordered. */
  | 'sequence'
  /** A line has no hash, is not JSON, or cannot be read. */
  | 'unreadable-line'
  /** A sealed file's chain holds, but its hash at the sealed line is not the sealed one. */
  | 'rewritten'
  /** A sealed file has fewer lines or bytes than its seal says. */
  | 'truncated'
  /** A sealed file has lines or bytes after its sealed end. */
  | 'appended'
  /** A record file ends its run but has no seal in the ledger. */
  | 'missing-seal'
  /** A sealed record file is gone. */
  | 'missing-file'
  /** Every file of a sealed run is gone, from both `runs/` and `trash/`. */
  | 'missing-run'
  /** The ledger's own chain or lines are damaged. */
  | 'ledger'
  /** The ledger no longer holds a state it was anchored at. */
  | 'anchor';

/** One thing that no longer matches. */
export interface VerifyProblem {
  kind: ProblemKind;
  /** The run id; null for the ledger. */
  run: string | null;
  /** The record file's name in the run folder, or `ledger.jsonl`. */
  file: string | null;
  /** The file's full path, where it is known. */
  path: string | null;
  /** 1-based line number, where one can be named. */
  line: number | null;
  /**
   * The first changed field, where one can be named (see `changes`), `hash` when the
   * hash field itself was changed, or null when which field changed cannot be told.
   */
  field: string | null;
  /** Every changed field the index could name, with its earlier and current value. */
  changes: FieldChange[];
  /** One sentence for a person. */
  message: string;
}

/**
 * A run's state:
 * - `sealed`: every record file chains and matches its seal;
 * - `unsealed`: every file chains, but some are not sealed (the run is going, or a writer
 *   crashed before it closed its file), so a re-chained file would go unseen;
 * - `tampered`: something no longer matches.
 */
export type RunIntegrity = 'sealed' | 'unsealed' | 'tampered';

export interface FileVerification {
  file: string;
  lines: number;
  /** The seal's ledger line, when the file is sealed. */
  sealedAt: number | null;
  ok: boolean;
}

export interface RunVerification {
  run: string;
  /** Where the folder is: `runs`, `trash`, or `missing`. */
  location: 'runs' | 'trash' | 'missing';
  integrity: RunIntegrity;
  files: FileVerification[];
  problems: VerifyProblem[];
}

/** Whether and where the ledger is anchored. */
export interface AnchorCheck {
  /** `git`: the ledger's last committed copy; `given`: a head hash passed in. */
  source: 'git' | 'given';
  /** The commit of the anchored copy, for `git`. */
  commit?: string;
  /** The anchored head hash. */
  headHash: string;
  /** The anchored head's line in today's ledger, when it is still there. */
  line: number | null;
  ok: boolean;
}

export interface LedgerVerification {
  path: string;
  exists: boolean;
  lines: number;
  headHash: string;
  seals: number;
  ok: boolean;
  anchors: AnchorCheck[];
}

/** The whole result; `ok` is false when there is any problem. */
export interface VerifyReport {
  ok: boolean;
  /** ISO 8601. */
  checkedAt: string;
  ledger: LedgerVerification;
  runs: RunVerification[];
  /** Every problem, the ledger's first, then by run. */
  problems: VerifyProblem[];
  /** Whether an earlier reading (the index) was at hand to name changed fields. */
  fieldsFromIndex: boolean;
}

/** A problem of the ledger file itself. */
export function ledgerFileProblem(
  kind: 'ledger' | 'anchor',
  path: string,
  line: number | null,
  field: string | null,
  message: string,
): VerifyProblem {
  return { kind, run: null, file: 'ledger.jsonl', path, line, field, changes: [], message };
}
