import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseReports } from '@report-qa/core'
import { seededRandom } from '@report-qa/test-fixtures'

/** County- and city-level reports: the kind a province's many places deliver. */
const SOURCE_FOLDERS = ['county', 'city']
const COMPLETE = '.complete.json'
/** Reports per generated place: several years each, so a place's own reports compete too. */
const PER_PLACE = 4

// Characters that never trip the parser's not-a-place rule and rarely start an ordinary word.
const SYLLABLES = [...'青松柳桐岚溪峰泉榆枫桦梅荷杉柏雁鹤鹭岭峪湾屯岗渠涧沁澜汀芦苇蒲莲菱葵棠槐楠桂竹篁芸蔚霞虹曦晖玥琪璐珂瑶琨崂岱嵩崖磐砾翠碧黛']

interface Source {
  file: string
  text: string
  place: string
}

export interface GeneratedCorpus {
  dir: string
  reports: number
  bytes: number
  places: number
  reused: boolean
}

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

/** Real county and city reports, each with the place the parser finds in it. */
async function readSources(corpusDir: string): Promise<Source[]> {
  const sources: Source[] = []
  for (const folder of SOURCE_FOLDERS) {
    for (const name of (await readdir(path.join(corpusDir, folder))).sort()) {
      if (!name.endsWith('.txt')) continue
      const text = await readFile(path.join(corpusDir, folder, name), 'utf8')
      const place = parseReports(text, `${folder}/${name}`)[0]?.place
      if (place && /(?:县|区|市|镇|乡)$/.test(place) && text.includes(place)) sources.push({ file: `${folder}/${name}`, text, place })
    }
  }
  return sources
}

const YEAR = /(?<![\d.])(19[5-9]\d|20[0-3]\d)(?![\d.%])/g

/** The report with its place renamed everywhere (full name and short form) and every year shifted. */
export function relabel(text: string, place: string, newStem: string, shift: number): string {
  const suffix = /(?:县|区|市|镇|乡)$/.exec(place)![0]
  const stem = place.slice(0, -suffix.length)
  let out = text.replaceAll(place, newStem + suffix)
  if (stem.length >= 2) out = out.replaceAll(stem, newStem)
  return out.replace(YEAR, (year) => String(Number(year) + shift))
}

/**
 * `count` reports under bench/.work/corpus-<count>/: copies of real reports, each relabelled with a
 * generated place (PER_PLACE reports a place) and its years shifted. Reused when already complete.
 */
export async function generateCorpus(workDir: string, corpusDir: string, count: number): Promise<GeneratedCorpus> {
  const dir = path.join(workDir, `corpus-${count}`)
  try {
    const done = JSON.parse(await readFile(path.join(dir, COMPLETE), 'utf8')) as Omit<GeneratedCorpus, 'reused'>
    if (done.reports === count) return { ...done, reused: true }
  } catch {
    // not generated yet
  }
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const sources = await readSources(corpusDir)
  const random = seededRandom(count)
  let bytes = 0
  const places = Math.ceil(count / PER_PLACE)
  for (let j = 0; j < count; j++) {
    const source = sources[j % sources.length]!
    const copy = Math.floor(j / sources.length)
    const stem = placeStem(Math.floor(j / PER_PLACE))
    const shift = ((copy * 7 + Math.floor(random() * 3)) % 9) - 4
    const text = relabel(source.text, source.place, stem, shift)
    const suffix = source.place.slice(-1)
    const name = `${String(j).padStart(5, '0')}_${stem}${suffix}.txt`
    await writeFile(path.join(dir, name), text)
    bytes += Buffer.byteLength(text)
  }
  const result = { dir, reports: count, bytes, places }
  await writeFile(path.join(dir, COMPLETE), JSON.stringify(result))
  return { ...result, reused: false }
}

/** Bytes of every report file under `dir` (what a build reads). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(txt|docx)$/.test(entry.name)) total += (await stat(path.join(entry.parentPath, entry.name))).size
  }
  return total
}
