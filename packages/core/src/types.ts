/** Administrative level of the body that delivered a report. */
export type PlaceLevel = 'township' | 'county' | 'city' | 'province' | 'national'

/**
 * What a document is: a government work report (政府工作报告, delivered in year Y, usually reviewing
 * Y-1) or a statistical bulletin (国民经济和社会发展统计公报: the figures of the year its title names).
 */
export type ReportKind = 'work-report' | 'statistical-bulletin'

/** Which part of a report a paragraph belongs to: what was done, what is planned, or neither. */
export type Part = 'review' | 'plan' | 'other'

/** The span of time a report's review covers. */
export interface Period {
  /** The year reviewed (a report delivered in early Y usually reviews Y-1). */
  year: number
  /** `half`: 上半年 (1-6月); `months`: 截至N月底 / 1-N月; `year`: a whole year. */
  kind: 'year' | 'half' | 'months'
  /** Last month covered: 6 for 上半年, 10 for 截至10月底, 12 for a full year. */
  throughMonth: number
  /** As a person would write it: 2022年上半年, 2023年1-10月, 2023年. */
  label: string
}

export interface Paragraph {
  /** 1-based position among the report's non-empty lines (title and dateline lines count). */
  ordinal: number
  text: string
  /** Headings from the outermost to the innermost that this paragraph sits under. */
  sectionPath: string[]
  part: Part
  /** For a PDF: the page (1-based) the paragraph starts on. */
  page?: number
  /** For a PDF paragraph that runs over pages: offsets in `text` at which the next pages begin. */
  pageBreaks?: number[]
}

export interface Report {
  /** Stable: derived from the source file and the report's position in it. */
  id: string
  /** File name relative to the reports folder, with forward slashes. */
  source: string
  kind: ReportKind
  /** The unit that delivered the report, as it names itself: 满城区 (not 保定市), 全国 for the State Council. */
  place: string | null
  /** Its division code in the gazetteer; null when unknown or when several places bear the name. */
  placeCode: string | null
  /** The units above it, outermost first: [河北省, 保定市]. */
  parents: string[]
  level: PlaceLevel | null
  /** Year the report was delivered; for a statistical bulletin, the year its title names. */
  year: number | null
  /** ISO date (YYYY-MM-DD or YYYY-MM) the report was delivered, when stated. */
  date: string | null
  period: Period | null
  /** The year the report's plan is for (2024年工作安排), when it has one. */
  planYear: number | null
  title: string
  speaker: string | null
  /** Every heading, in document order. */
  sections: string[]
  paragraphs: Paragraph[]
}

/**
 * A report as the index keeps it in memory: everything but its text, which stays in the artifact
 * until a question needs that report's place (`ReportIndex.report(id)` reads it all).
 */
export interface ReportInfo extends Omit<Report, 'paragraphs' | 'sections'> {
  paragraphCount: number
}

/** A report without its paragraphs, as listed by `/reports`. */
export interface ReportSummary {
  id: string
  source: string
  kind: ReportKind
  place: string | null
  level: PlaceLevel | null
  year: number | null
  date: string | null
  period: string | null
  title: string
  paragraphs: number
}

/**
 * What a figure measures of its indicator: the level itself (1794.5亿元; 5.5% for a ratio such as
 * 失业率), its growth over the year before (增长8.5%), a yearly average over several years, a share
 * of a whole, a change (增加120亿元, 提高0.5个百分点) or a sum over several years (累计).
 */
export type Measure = 'value' | 'growth' | 'avg-growth' | 'share' | 'change' | 'total'

/** A figure of a report that belongs to an indicator (see facts/extract-facts.ts). */
export interface Fact {
  /** Canonical indicator name (text/indicators.ts). */
  indicator: string
  measure: Measure
  /** A target (the plan, 预期目标, 力争) rather than a result. */
  target: boolean
  /** The year the figure is for; null when the report does not tell. */
  year: number | null
  /** The figure as written: 1794.5亿元, 8.5%, ８．８％. */
  figure: string
  /** Its number as written (1794.5), negative for a fall (下降12.43% -> -12.43). */
  value: number
  /** Its unit as written: 亿元, %, 万吨. */
  unit: string
  /** Index of its paragraph in the report's paragraphs. */
  paragraph: number
  /** The part of the report that paragraph is in (a result of the plan part ranks after one of the review). */
  part: Part
  /** Offsets of the figure in the paragraph's text. */
  start: number
  end: number
  /** The clauses to quote: from the one naming the indicator to the one holding the figure. */
  quote: { start: number; end: number }
  /** The indicator is named in its own words, not a loose one (财政收入 for 一般公共预算收入). */
  exact: boolean
}

export interface Quote {
  text: string
  /** Offsets of `text` inside the cited paragraph's text (UTF-16 code units, end exclusive). */
  start: number
  end: number
}

export interface Citation {
  reportId: string
  source: string
  place: string | null
  title: string
  date: string | null
  period: string | null
  /** The innermost heading; `sectionPath` holds the whole path. */
  section: string | null
  sectionPath: string[]
  part: Part
  /** The paragraph's ordinal in its report (see `Paragraph.ordinal`). */
  paragraph: number
  /** For a PDF: the page (1-based) the quote starts on. */
  page?: number
  text: string
  quote: Quote
  score: number
}

/** What the question was understood to ask. */
export interface Understood {
  place: string | null
  year: number | null
  period: string | null
  indicator: string | null
  /** True when a target or plan is asked (目标, 计划, 预期, 明年, 下半年 …). */
  target: boolean
  /** The content words searched for. */
  terms: string[]
  /** The figure asked: the level itself (多少), its growth (增长多少, 增速), a share (占比) or a change (减少了多少). */
  measure?: AskedMeasure
  /** Every year asked, for a series (2013年到2017年) or a comparison (2019年和2022年). */
  years?: number[]
  /** Every place asked, for a series over places (江苏、浙江、广东; 各省). */
  places?: string[]
  /** The question was read as a follow-up: what it kept from the context. */
  followUp?: string[]
  /** The relative word that named the year (去年 -> `year` 2025 when asked in 2026). */
  relative?: string
  /** No place was named: the place was taken to be `place` (the country, when its reports are indexed). */
  placeInferred?: boolean
}

/** A figure's measure as a question asks it (see `Measure`). */
export type AskedMeasure = 'value' | 'growth' | 'avg-growth' | 'share' | 'change' | 'total'

/**
 * What a conversation is about after an answer: sent back unchanged with the next question
 * (`AskOptions.context`), so that 那2015年呢 or 保定市呢 changes one thing and keeps the rest.
 */
export interface AskContext {
  /** Version of this shape. */
  v: 1
  /** The places asked about, by index key and name (several for a list: 江苏、浙江、广东). */
  places: { key: string; name: string }[]
  /** A whole level asked about (各省). */
  level: PlaceLevel | null
  years: number[]
  range: { from: number; to: number } | null
  /** Every year on record (历年). */
  all: boolean
  period: string | null
  indicator: string | null
  /** Words that narrowed the indicator (工业 of 其中工业固定资产投资呢); absent when none. */
  qualifiers?: string[]
  measure: AskedMeasure
  /** The measure was carried over from another indicator (增速 before, 粮食产量呢 now): the level answers when the rate is not given. */
  measureSoft?: boolean
  target: boolean
}

/** One figure of a series answer (历年, 江苏、浙江、广东, 各省): each with its own citation. */
export interface SeriesPoint {
  place: string
  year: number
  period: string | null
  /** As the report writes it: 303.6亿元, 8.5%. */
  figure: string
  /** In `unit`, converted within its family so that the points compare (万元 -> 亿元). */
  value: number
  unit: string
  citation: Citation
}

export interface Answer {
  question: string
  found: boolean
  /** The answer sentence; null when not found. */
  answer: string | null
  /** Why nothing was found, in Chinese; only when `found` is false. */
  reason?: string
  understood: Understood
  citations: Citation[]
  /** Nearby paragraphs shown when nothing was found; never evidence for an answer. */
  related?: Citation[]
  /** A question over several years or places: one point per figure found, in order. */
  series?: SeriesPoint[]
  /** What such a question asked that no report gives (never interpolated). */
  missing?: { place: string; year: number | null }[]
  /** Send back with a follow-up question (`AskOptions.context`). */
  context: AskContext
  tookMs: number
}

export interface AskOptions {
  /** Citations to return (the first is the evidence); 1-10, default 3. */
  limit?: number
  /** The day relative years count from (去年, 明年): default today. */
  today?: Date | string
  /** The `context` of the previous answer: the question is then read as a follow-up to it. */
  context?: AskContext
}

export interface IndexStats {
  reports: number
  paragraphs: number
  sources: number
  /** Artifact format version. */
  version: number
  /** ISO time of the last change to the index. */
  builtAt: string
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}
