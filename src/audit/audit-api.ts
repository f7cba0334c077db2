/**
 * The audit functions the extension uses, in one place: verification, history,
 * reproduction, reports and ledger anchors (docs/audit.md, "For the extension").
 */
export { describeEntry } from './history-text';
export { anchorLedger, AnchorError, type AnchorResult } from './ledger-anchor';
export { readLedger, type LedgerContents } from './ledger-read';
export type { RunComparison, MetricComparison } from './reproduce/compare-metrics';
export {
  discardReproduction,
  prepareReproduction,
  ReproduceError,
  type ReproductionPlan,
} from './reproduce/prepare';
export {
  REPRODUCES_TAG,
  runReproduction,
  type ReproductionOptions,
  type ReproductionResult,
} from './reproduce/reproduce';
export type { ReportOptions } from './report/report-data';
export { reportFormatOf, writeReport, type WrittenReport } from './report/write-report';
export { runHistory, type HistoryEntry, type RunHistory } from './run-history';
export type {
  ProblemKind,
  RunIntegrity,
  RunVerification,
  VerifyProblem,
  VerifyReport,
} from './verify-report';
export { verifyStore, type VerifyOptions } from './verify-store';
