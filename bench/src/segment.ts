import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import nodejieba from 'nodejieba'
import { tokenize } from '@report-qa/core'
import { since } from './stats.ts'

/** UTF-8 text folders of the corpus (encodings/ is GBK, docx/ is binary). */
const TEXT_FOLDERS = ['county', 'city', 'province', 'national']

export interface SegmentRuns {
  bytes: number
  /** MB/s of each run. */
  ours: number[]
  jieba: number[]
  tokens: { ours: number; jieba: number }
}

export async function readCorpusText(corpusDir: string, maxBytes: number): Promise<string[]> {
  const texts: string[] = []
  let bytes = 0
  for (const folder of TEXT_FOLDERS) {
    for (const name of (await readdir(path.join(corpusDir, folder))).sort()) {
      if (bytes >= maxBytes) return texts
      const text = await readFile(path.join(corpusDir, folder, name), 'utf8')
      texts.push(text)
      bytes += Buffer.byteLength(text)
    }
  }
  return texts
}

/** Core `tokenize` against raw nodejieba `cutForSearch`, file by file over the same texts, alternating runs. */
export async function measureSegmentation(corpusDir: string, maxBytes: number, runs: number): Promise<SegmentRuns> {
  const texts = await readCorpusText(corpusDir, maxBytes)
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  tokenize('牛塘镇上半年固定资产投资') // load the dictionary outside the timing
  const result: SegmentRuns = { bytes, ours: [], jieba: [], tokens: { ours: 0, jieba: 0 } }
  for (let run = 0; run < runs; run++) {
    let started = performance.now()
    let count = 0
    for (const text of texts) count += tokenize(text).length
    result.ours.push(bytes / 1e6 / (since(started) / 1000))
    result.tokens.ours = count
    started = performance.now()
    count = 0
    for (const text of texts) count += nodejieba.cutForSearch(text).length
    result.jieba.push(bytes / 1e6 / (since(started) / 1000))
    result.tokens.jieba = count
  }
  return result
}
