import { isBulletinTitle } from './bulletin.ts'
import { parseHeading } from './headings.ts'
import { chineseYear, smallNumber, yearsIn } from './numbers.ts'
import { isPlaceName, levelOfName, NATIONAL, placeUnits } from '../places/names.ts'
import { asItCallsItself, mostNamedPlace, resolveReportPlace, type ReportPlace } from '../places/report-place.ts'

export interface Metadata {
  title: string
  place: ReportPlace | null
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
  const fileName = source
    .split('/')
    .at(-1)!
    .replace(/\.[^.]+$/, '')
  // A bulletin whose title is a picture (黔东南州's PDF) is named by its file.
  const title = findTitle(header, fields) || (isBulletinTitle(fileName) ? fileName.replace(/\s+[_|]\s+.*$/, '') : '')
  const titled = yearsIn(title)[0] ?? titleYear(title)
  const date = deliveryDate(header, fields, titled)
  // The report's own words first: a file's name (河北省_2018 holds the 2019 report) comes last.
  const year = date ? Number(date.slice(0, 4)) : (titled ?? yearsIn(fileName)[0] ?? fileYear(fileName))
  const place = findPlace(lines, header, headerText, title, fields, fileName)
  return {
    title: title || `${place?.place ?? ''}政府工作报告`,
    place,
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

/**
 * The header ends with the salutation (各位代表) or, without one, before the first long line or
 * the first heading that opens a part (2022年政府工作回顾).
 */
function findHeaderEnd(lines: string[]): number {
  const limit = Math.min(lines.length, 40)
  for (let i = 0; i < limit; i++)
    if (/^各位(?:代表|委员)(?:[、，,和][^，。：:]{1,12})?[!！]?(?:[:：]|$)/.test(lines[i]!.slice(0, 40))) return i + 1
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!
    if (line.length >= 60 && !FIELD.test(line) && !/人民代表大会/.test(line)) return i
    if (parseHeading(line)?.level === 0) return i
  }
  return 0
}

/** The date a report is delivered on, as its header writes it: （2007年1月30日）, 2023年1月30日在…第…届. */
const DATELINE = /[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日在/

/** Lines of a saved web page's chrome that carry its publishing date, not the report's. */
const CHROME_DATE = /发布时间|发布日期|添加时间|更新时间|浏览次数|日期[:：]|来源[:：]|时间[:：]/

/**
 * When the report was delivered: the date its own header gives ((2007年1月30日), 2023年1月30日在…
 * 第…届), else the 发文时间 field when it agrees with the title's year (a page's database may file
 * a report under another year's date: 保定市_2006 holds the 2007 report, dated 2006-02-15).
 */
function deliveryDate(header: string[], fields: Map<string, string>, titled: number | null): string | null {
  const text = header
    .filter((line) => !FIELD.test(line) && !CHROME_DATE.test(line))
    .join('')
    .slice(0, 4000)
  const dateline = DATELINE.exec(text)?.[0]
  const own = findDate(dateline ?? text)
  const field = findDate(fields.get('发文时间') ?? '')
  if (own && (titled === null || Number(own.slice(0, 4)) >= titled) && (dateline || !field)) return own
  if (field && (titled === null || Number(field.slice(0, 4)) === titled)) return field
  return own ?? (titled === null ? findDate(header.join('').slice(0, 4000)) : null)
}

function findTitle(header: string[], fields: Map<string, string>): string {
  const titled = fields.get('标题')
  if (titled) return titled
  const line = header.find((line) => (/工作报告/.test(line) || isBulletinTitle(line)) && line.length <= 40 && !FIELD.test(line))
  return line?.replace(/\[\d{1,2}\]$/, '') ?? '' // 江西省2022年…统计公报[1]: a footnote marker
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
  const chinese = /([〇O零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?/.exec(
    text,
  )
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

/**
 * Where the report comes from: 全国 for the State Council's; otherwise the first of dateline
 * (在保定市满城区第十六届人民代表大会), 我代表X人民政府, the speaker's line, 发文单位, the file name
 * (only when the body bears it out) and the title that names a place; failing all, the place the
 * opening names most. Place names are resolved against the gazetteer (places/).
 */
function findPlace(
  lines: string[],
  header: string[],
  headerText: string,
  title: string,
  fields: Map<string, string>,
  fileName: string,
): ReportPlace | null {
  const opening = lines.slice(0, 40).join('').slice(0, 20_000)
  // 我代表国务院，向大会报告 / 受国务院的委托 / 第一届全國人民代表大會: the State Council's, whatever the file is called.
  if (
    /全国人民代表大会|国务院/.test(headerText.slice(0, 400)) ||
    /国务院/.test(fileName) ||
    /(?:代表|受|根据)国务院(?:的)?(?:委托|决定)?[，,]?\s*(?:向|作)|第[一二三四五六七八九十]{1,3}届全[国國]人民代表大[会會]/.test(
      opening.slice(0, 600),
    )
  )
    return { place: NATIONAL, code: null, level: 'national', parents: [] }
  // Bounded runs keep these linear however long a header is.
  const dateline = /在(\p{Script=Han}{2,30}?)第[一二三四五六七八九十\d]{1,3}届/u.exec(headerText.slice(0, 4000))
  const delegate = /我(?:谨)?代表(\p{Script=Han}{2,16}?)人民政府/u.exec(opening)
  const speaker = header.find((line) => ROLE.test(line) && /人民政府/.test(line))
  const named = placeUnits(fileName.replace(/(?:19|20)\d{2}年?|人民政府工作报告|政府工作报告|工作报告|report|_/g, ''))
    .filter(isPlaceName)
    .at(-1)
  const body = lines.slice(0, 200).join('\n')
  const candidates = [
    dateline?.[1],
    delegate?.[1],
    speaker?.replace(/人民政府.*$/, ''),
    fields.get('发文单位')?.replace(/人民政府.*$/, ''),
    named && body.includes(named.slice(0, -1)) ? named : null,
    title.replace(/(?:19|20)\d{2}年?/g, ''),
  ].map((candidate) => candidate?.replace(/^.*\d日/, ''))
  // How the report speaks of its own government (我代表县政府, 全县): 清苑区's reports of 2008 are 清苑县's.
  const self = /我(?:谨)?代表([县区市旗镇乡])(?:人民)?政府/.exec(opening)?.[1] ?? null
  const place = resolveReportPlace(candidates, body) ?? mostNamedPlace(body, self ? levelOfName(`X${self}`) : null)
  return place && self ? asItCallsItself(place, self) : place
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
