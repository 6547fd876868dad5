import type { PlaceLevel } from '../types.ts'
import { chineseYear, smallNumber, yearsIn } from './numbers.ts'
import { isPlaceName, placeLevel, placeUnits } from './places.ts'

export interface Metadata {
  title: string
  place: string | null
  level: PlaceLevel | null
  date: string | null
  year: number | null
  speaker: string | null
  /** Number of header lines (title, dateline, speaker, 各位代表) before the body. */
  headerLines: number
}

/** Title, place, date and speaker from a report's lines, falling back to its body and file name. */
export function parseMetadata(lines: string[], source: string): Metadata {
  const headerLines = findHeaderEnd(lines)
  // Header lines are short; cut a long one, so that the rules below take time linear in the text.
  const header = lines.slice(0, headerLines).map((line) => line.slice(0, MAX_HEADER_LINE))
  const fields = metadataFields(header)
  const headerText = header.join('')
  const date = findDate(fields.get('发文时间') ?? '') ?? findDate(headerText)
  const title = findTitle(header, fields)
  const fileName = source.split('/').at(-1)!.replace(/\.[^.]+$/, '')
  const year = date ? Number(date.slice(0, 4)) : (yearsIn(title)[0] ?? titleYear(title) ?? yearsIn(fileName)[0] ?? fileYear(fileName))
  const place = findPlace(lines, header, headerText, title, fields, fileName)
  return {
    title: title || `${place ?? ''}政府工作报告`,
    place,
    level: place ? placeLevel(place) : null,
    date,
    year: year ?? null,
    speaker: findSpeaker(header, fields),
    headerLines,
  }
}

const MAX_HEADER_LINE = 200

const FIELD = /^(标题|发文单位|发文时间|报告人|来源URL|来源|正文|年份)[:：]\s*(.*)$/

function metadataFields(header: string[]): Map<string, string> {
  const fields = new Map<string, string>()
  for (const line of header) {
    const match = FIELD.exec(line)
    if (match) fields.set(match[1]!, match[2]!.trim())
  }
  return fields
}

/** The header ends with the salutation (各位代表) or, without one, before the first long line. */
function findHeaderEnd(lines: string[]): number {
  const limit = Math.min(lines.length, 40)
  for (let i = 0; i < limit; i++) if (/^各位(?:代表|委员)(?:[、，,和][^，。：:]{1,12})?[!！]?(?:[:：]|$)/.test(lines[i]!)) return i + 1
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!
    if (line.length >= 60 && !FIELD.test(line) && !/人民代表大会/.test(line)) return i
  }
  return 0
}

function findTitle(header: string[], fields: Map<string, string>): string {
  const titled = fields.get('标题')
  if (titled) return titled
  return header.find((line) => /工作报告/.test(line) && line.length <= 40 && !FIELD.test(line)) ?? ''
}

/** 乡镇政府2023工作报告, 二O一一年政府工作报告. */
function titleYear(title: string): number | null {
  const digits = /(?:19|20)\d{2}/.exec(title)
  if (digits) return Number(digits[0])
  const chinese = /([〇O零○Ｏ一二三四五六七八九]{4})年/.exec(title)
  return chinese ? chineseYear(chinese[1]!) : null
}

function fileYear(name: string): number | null {
  const match = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(name)
  return match ? Number(match[1]) : null
}

export function findDate(text: string): string | null {
  const arabic = /((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(?:(\d{1,2})\s*日?)?/.exec(text)
  if (arabic) return isoDate(Number(arabic[1]), Number(arabic[2]), arabic[3] ? Number(arabic[3]) : null)
  const chinese = /([〇O零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?/.exec(text)
  if (chinese) {
    const year = chineseYear(chinese[1]!)
    const month = smallNumber(chinese[2]!)
    if (year && month) return isoDate(year, month, chinese[3] ? smallNumber(chinese[3]) : null)
  }
  return null
}

function isoDate(year: number, month: number, day: number | null): string | null {
  if (month < 1 || month > 12) return null
  const yyyyMm = `${year}-${String(month).padStart(2, '0')}`
  return day && day >= 1 && day <= 31 ? `${yyyyMm}-${String(day).padStart(2, '0')}` : yyyyMm
}

function lastPlace(text: string): string | null {
  return placeUnits(text).filter(isPlaceName).at(-1) ?? null
}

function findPlace(
  lines: string[],
  header: string[],
  headerText: string,
  title: string,
  fields: Map<string, string>,
  fileName: string,
): string | null {
  if (/全国人民代表大会|国务院/.test(headerText.slice(0, 400)) || /国务院/.test(fileName)) return '全国'
  const dateline = /在(\p{Script=Han}{1,40}?)第[一二三四五六七八九十\d]+届/u.exec(headerText)
  const opening = lines.slice(0, 40).join('')
  const delegate = /我(?:谨)?代表(\p{Script=Han}{2,16}?)人民政府/u.exec(opening)
  const speaker = header.find((line) => ROLE.test(line) && /人民政府/.test(line))
  const named = lastPlace(fileName.replace(/(?:19|20)\d{2}年?|人民政府工作报告|政府工作报告|工作报告|report|_/g, ''))
  const body = lines.slice(0, 200).join('\n')
  const candidates = [
    dateline?.[1],
    delegate?.[1],
    speaker?.replace(/人民政府.*$/, ''),
    fields.get('发文单位')?.replace(/人民政府.*$/, ''),
    named && body.includes(named.slice(0, -1)) ? named : null,
    title.replace(/(?:19|20)\d{2}年?/g, ''),
  ]
  for (const candidate of candidates) {
    const place = candidate ? lastPlace(candidate.replace(/^.*\d日/, "")) : null
    if (place) return place
  }
  return mostMentioned(body)
}

/** The place a body names most often (XX镇 reports name themselves only in the text). */
function mostMentioned(body: string): string | null {
  const counts = new Map<string, number>()
  for (const match of body.matchAll(/\p{Script=Han}{2,4}?(?:街道|镇|乡|县|区|市)/gu)) {
    for (const unit of placeUnits(match[0])) {
      if (isPlaceName(unit) && !/^[镇乡县区市]/.test(unit)) counts.set(unit, (counts.get(unit) ?? 0) + 1)
    }
  }
  let best: string | null = null
  let bestCount = 2
  for (const [unit, count] of counts) {
    if (count > bestCount) [best, bestCount] = [unit, count]
  }
  return best
}

const ROLE = /(?:代理)?(?:代)?(?:镇长|乡长|县长|区长|市长|省长|主席|总理|主任|书记)/u

function findSpeaker(header: string[], fields: Map<string, string>): string | null {
  const reporter = fields.get('报告人')
  if (reporter) return reporter.split(/\s+/).at(-1) ?? null
  for (let i = 0; i < header.length; i++) {
    const line = header[i]!
    if (FIELD.test(line) || /人民代表大会|工作报告/.test(line)) continue
    const inline = new RegExp(`${ROLE.source}\\s*(\\p{Script=Han}{2,4})$`, 'u').exec(line)
    if (inline) return inline[1]!
    const next = header[i + 1]
    if (ROLE.test(line) && line.length <= 30 && next && /^\p{Script=Han}{2,4}$/u.test(next)) return next
    if (/^\p{Script=Han}{2,3}$/u.test(line) && !/各位|代表|政府/.test(line)) return line
  }
  return null
}
