import { stringify } from 'csv-stringify/sync'
import type { FactRow } from './list-facts.ts'

/** The columns of the facts dataset, in the order of the contract ("Facts"), each a field of `FactRow`. */
export const FACT_COLUMNS = [
  'place',
  'parent',
  'level',
  'year',
  'period',
  'indicator',
  'kind',
  'measure',
  'figure',
  'value',
  'unit',
  'source',
  'reportId',
  'page',
  'paragraph',
  'quote',
] as const satisfies readonly (keyof FactRow)[]

/**
 * Facts as CSV (RFC 4180): a header row, then one record per fact, CRLF line ends, a field quoted
 * when it holds a comma, a double quote or a line break (quotes doubled). An absent value (no page,
 * no parent) is an empty field.
 */
export function factsCsv(rows: FactRow[]): string {
  return stringify(rows, {
    header: true,
    columns: [...FACT_COLUMNS],
    record_delimiter: 'windows',
  })
}
