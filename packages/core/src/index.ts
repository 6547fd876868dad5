export type {
  Answer,
  AskContext,
  AskedMeasure,
  AskOptions,
  Citation,
  IndexStats,
  Logger,
  Paragraph,
  Part,
  Period,
  PlaceLevel,
  Quote,
  Report,
  ReportInfo,
  ReportKind,
  ReportSummary,
  SeriesPoint,
  Understood,
} from './types.ts'
export { CoreError, isCoreError, type CoreErrorCode } from './errors.ts'
export { bytesToText, isReportFile, MAX_REPORT_BYTES, readReportFile, REPORT_EXTENSIONS } from './ingest/read-report-file.ts'
export { SCANNED_PDF } from './ingest/pdf.ts'
export { cleanText } from './ingest/clean.ts'
export { splitReports } from './ingest/split-reports.ts'
export { parseReports } from './parse/parse-report.ts'
export { splitClauses, splitSentences } from './parse/clauses.ts'
export { tokenize, queryTokens, canonicalize } from './text/segmenter.ts'
export { QUESTION_WORDS } from './text/vocabulary.ts'
export { ReportIndex, summarize, FORMAT_VERSION, DEFAULT_LOADED_BYTES, type SourceEntry } from './index/report-index.ts'
export { loadIndex, removeStaleTemps, saveIndex, type LoadOptions } from './index/artifact.ts'
export { MINISEARCH_OPTIONS, rankByBm25, SEPARATOR, type PassageDoc } from './index/search-options.ts'
export { judge, readLines, readQuestions, verdict, type EvalQuestion, type Verdict } from './eval/judge.ts'
export { conversationScore, seriesScore, type Conversation } from './eval/run.ts'
export type { SeriesQuestion } from './eval/series.ts'
export { listReportFiles, openIndex, syncIndex, type SyncResult, type SyncOptions } from './index/sync.ts'
export { ask, verify, MAX_QUESTION_LENGTH, MAX_UNPLACED } from './answer/ask.ts'
export { search } from './answer/search.ts'
export { citeAt } from './answer/cite.ts'
export { watchIndex, type LiveIndex } from './index/live-index.ts'
export { listFacts, type FactFilter, type FactRow } from './facts/list-facts.ts'
export { factsCsv, FACT_COLUMNS } from './facts/facts-csv.ts'
export { ParseThread, PARSE_LIMITS, type ParseFile, type ParseLimits } from './ingest/parse-thread.ts'
export { DOCX_LIMITS, type DocxLimits } from './ingest/docx-limits.ts'
export { writerSocketPath, type RebuildState, type ReindexReply, type WriterStatus } from './index/writer-socket.ts'
export { createLogger, logFormat, type LogFormat, type LogLine } from './log.ts'
