import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { bytesToText, parseReports } from '@report-qa/core'
import { seededRandom } from '@report-qa/test-fixtures'

/*
 * Generated corpora for the large scales: copies of the corpus's county and city reports in made-up
 * places. Each round copies every source report once, with every real county and city the sources
 * are from (and the cities above them) renamed everywhere, full name and short form, to a made-up
 * place of that round, and every year shifted by the round's shift. A round is a whole fictional
 * world: 保定市's copy and its counties' copies name the same made-up city, and no copy names a
 * corpus place, so a question about a real place can only be answered from a real report.
 * Made-up names are checked against the parser: a name it would read as a real place (泉渠县 ends in
 * 渠县, 榆青县 in 青县) or not as the name given is skipped. Each copy keeps its source's file name,
 * relabelled as its text is (places in file names are what some reports are placed by), under
 * r<round>/<folder>/; `.complete.json` records where each copy should be filed.
 */

/** County- and city-level reports: the kind a province's many places deliver. */
const SOURCE_FOLDERS = ['county', 'city']
const COMPLETE = '.complete.json'

// Characters that never trip the parser's not-a-place rule and rarely start an ordinary word.
const SYLLABLES = [
  ...'青松柳桐岚溪峰泉榆枫桦梅荷杉柏雁鹤鹭岭峪湾屯岗渠涧沁澜汀芦苇蒲莲菱葵棠槐楠桂竹篁芸蔚霞虹曦晖玥琪璐珂瑶琨崂岱嵩崖磐砾翠碧黛',
]

/** 0 -> 青松, 1 -> 青柳, …; three syllables once two run out. Never repeats a syllable in a name. */
export function placeStem(k: number): string {
  const n = SYLLABLES.length
  const pairs = n * (n - 1)
  if (k < pairs) {
    const a = Math.floor(k / (n - 1))
    let b = k % (n - 1)
    if (b >= a) b++
    return SYLLABLES[a]! + SYLLABLES[b]!
  }
  return placeStem(k - pairs) + SYLLABLES[k % n]!
}

interface Source {
  /** folder/name.txt under the corpus. */
  file: string
  text: string
  place: string
  year: number | null
}

/** A real county or city the sources are from or lie in, with every name it goes by. */
interface RealPlace {
  /** Its name today (徐水区), which its copies take the suffix of. */
  name: string
  /** Names its reports use (徐水县, 徐水区). */
  names: Set<string>
  level: 'county' | 'city'
}

/** Where a copy should be filed: its made-up place and year, and the report it copies. */
export interface Expected {
  place: string
  year: number | null
  source: string
}

export interface GeneratedCorpus {
  dir: string
  reports: number
  bytes: number
  /** Made-up places. */
  places: number
  rounds: number
  /** Made-up names skipped because the parser reads them as another place. */
  skippedNames: string[]
  reused: boolean
}

interface Complete extends Omit<GeneratedCorpus, 'reused'> {
  /** By file, relative to `dir`. */
  expected: Record<string, Expected>
  /** Of the sources and where the parser places them (see `generateCorpus`). */
  fingerprint: string
}

const SUFFIX = /(?:县|区|市|旗)$/

/** Real county and city reports, each with the place and year the parser finds in it. */
async function readSources(corpusDir: string): Promise<{ sources: Source[]; places: Map<string, RealPlace> }> {
  const sources: Source[] = []
  const places = new Map<string, RealPlace>()
  const latest = new Map<string, number>()
  const add = (code: string, name: string, level: RealPlace['level'], year: number): void => {
    const place = places.get(code) ?? { name, names: new Set<string>(), level }
    place.names.add(name)
    if (year >= (latest.get(code) ?? -Infinity)) {
      place.name = name
      latest.set(code, year)
    }
    places.set(code, place)
  }
  for (const folder of SOURCE_FOLDERS) {
    for (const name of (await readdir(path.join(corpusDir, folder))).sort()) {
      if (!name.endsWith('.txt')) continue
      const file = `${folder}/${name}`
      const text = await readFile(path.join(corpusDir, file), 'utf8')
      // Placed as the index places it: from the text as read (page chrome cleaned away).
      const report = parseReports(await bytesToText(Buffer.from(text), file), file)[0]
      if (!report?.place || !report.placeCode || (report.level !== 'county' && report.level !== 'city')) continue
      sources.push({ file, text, place: report.place, year: report.year })
      add(report.placeCode, report.place, report.level, report.year ?? 0)
      // The city above a county: its copies name a made-up city, not 保定市.
      const city = report.level === 'county' ? report.parents.at(-1) : undefined
      if (city && report.parents.length >= 2) add(`city:${city}`, city, 'city', -Infinity)
    }
  }
  // A city known both as a source and as a parent is one place.
  for (const [code, place] of places) {
    if (!code.startsWith('city:')) continue
    const same = [...places].find(([other, p]) => other !== code && p.level === 'city' && p.names.has(place.name))
    if (same) places.delete(code)
  }
  return { sources, places }
}

/** The stem a short form is (驻马店市 -> 驻马店); null when it would be one character (易县). */
function stemOf(name: string): string | null {
  const stem = name.replace(SUFFIX, '')
  return stem !== name && stem.length >= 2 ? stem : null
}

/**
 * Whether the parser files a report delivered by `name` under `name` as an unknown place: not a
 * real one (松溪县), and no real one inside it (泉渠县 would be 渠县's).
 */
function isMadeUp(name: string): boolean {
  const probe = `${name}2020年政府工作报告\n——2020年1月10日在${name}第十届人民代表大会第一次会议上\n各位代表：\n现在，我代表${name}人民政府，向大会报告政府工作，请予审议。\n一、2019年工作回顾\n全年地区生产总值增长6%。`
  const report = parseReports(probe, `${name}.txt`)[0]
  return report?.place === name && report.placeCode === null
}

const ZEROS = '〇O零○Ｏ0'
const CHINESE_DIGITS = '一二三四五六七八九'
const YEAR = /(?<![\d.])(19[5-9]\d|20[0-3]\d)(?![\d.%])/g
const CHINESE_YEAR = new RegExp(`[一二][${ZEROS}${CHINESE_DIGITS}]{3}(?=年)`, 'g')

/** 二〇一九 -> 2019 (any of the zeros reports use), null when not a year. */
function chineseYear(text: string): number | null {
  let year = 0
  for (const char of text) {
    const digit = ZEROS.includes(char) ? 0 : CHINESE_DIGITS.indexOf(char) + 1
    if (digit < 0) return null
    year = year * 10 + digit
  }
  return year >= 1950 && year <= 2039 ? year : null
}

/** 2019 -> 二〇一九, with the zero the source used. */
function toChineseYear(year: number, zero: string): string {
  return [...String(year)].map((d) => (d === '0' ? zero : CHINESE_DIGITS[Number(d) - 1]!)).join('')
}

/** Every year shifted by `shift`, in digits (2019年, 2019-2020) and in Chinese numerals (二O一九年). */
export function shiftYears(text: string, shift: number): string {
  if (shift === 0) return text
  return text
    .replace(YEAR, (year) => String(Number(year) + shift))
    .replace(CHINESE_YEAR, (written) => {
      const year = chineseYear(written)
      if (year === null) return written
      const zero = [...written].find((char) => ZEROS.includes(char)) ?? '〇'
      return toChineseYear(year + shift, zero)
    })
}

/** Replaces every key of `names` in `text` by its value, longest key first at each position. */
export function rename(text: string, names: Map<string, string>): string {
  if (names.size === 0) return text
  const keys = [...names.keys()].sort((a, b) => b.length - a.length)
  const pattern = new RegExp(keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
  return text.replace(pattern, (key) => names.get(key)!)
}

/**
 * `count` reports under bench/.work/corpus-<count>/ (see above). Reused when already complete and
 * made from sources placed as the parser places them now (the manifest records where each copy
 * should be filed).
 */
export async function generateCorpus(workDir: string, corpusDir: string, count: number): Promise<GeneratedCorpus> {
  const dir = path.join(workDir, `corpus-${count}`)
  const { sources, places } = await readSources(corpusDir)
  // Where the parser places the sources decides every copy's expected place: a change regenerates.
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([sources.map((s) => [s.file, s.place, s.year]), [...places.values()].map((p) => [p.name, [...p.names]])]),
    )
    .digest('hex')
  try {
    const done = JSON.parse(await readFile(path.join(dir, COMPLETE), 'utf8')) as Partial<Complete>
    if (done.reports === count && done.expected && done.fingerprint === fingerprint) {
      const { expected: _expected, fingerprint: _fingerprint, ...rest } = done as Complete
      return { ...rest, dir, reused: true }
    }
  } catch {
    // not generated yet
  }
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const random = seededRandom(count)
  const expected: Record<string, Expected> = {}
  const skippedNames: string[] = []
  let bytes = 0
  let stems = 0
  let made = 0
  let round = 0
  /** The next made-up name of `suffix` the parser reads as itself. */
  const nextName = (suffix: string): string => {
    for (;;) {
      const name = placeStem(stems++) + suffix
      if (isMadeUp(name)) return name
      skippedNames.push(name)
    }
  }
  for (let j = 0; j < count; round++) {
    // This round's world: each real place's made-up name, and the replacements that give it.
    const shift = Math.floor(random() * 9) - 4
    const names = new Map<string, string>()
    const madeUp = new Map<string, string>()
    for (const place of places.values()) {
      const name = nextName(place.name.match(SUFFIX)![0])
      made++
      for (const old of place.names) madeUp.set(old, name)
      for (const old of place.names) names.set(old, name)
      const stem = stemOf(place.name)
      if (stem) names.set(stem, stemOf(name)!)
    }
    for (const source of sources) {
      if (j >= count) break
      const file = `r${String(round).padStart(3, '0')}/${rename(shiftYears(source.file, shift), names)}`
      const text = shiftYears(rename(source.text, names), shift)
      await mkdir(path.join(dir, path.dirname(file)), { recursive: true })
      await writeFile(path.join(dir, file), text)
      bytes += Buffer.byteLength(text)
      expected[file] = {
        place: madeUp.get(source.place)!,
        year: source.year === null ? null : source.year + shift,
        source: source.file,
      }
      j++
    }
  }
  const complete: Complete = { dir, reports: count, bytes, places: made, rounds: round, skippedNames, expected, fingerprint }
  await writeFile(path.join(dir, COMPLETE), JSON.stringify(complete))
  const { expected: _expected, fingerprint: _fingerprint, ...result } = complete
  return { ...result, reused: false }
}

/** Where each copy of a generated corpus should be filed, by file relative to its folder. */
export async function expectedPlaces(dir: string): Promise<Record<string, Expected>> {
  return (JSON.parse(await readFile(path.join(dir, COMPLETE), 'utf8')) as Complete).expected
}
