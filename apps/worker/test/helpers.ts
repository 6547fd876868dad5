import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Logger } from '@report-qa/core'
import { createLogger, type LogLine } from '@report-qa/core/log'
import { fixturePath } from '@report-qa/test-fixtures'

/** The fixtures the tests copy in, with a question each answers and the figure expected. */
export const fixtures = {
  chengguan: { file: fixturePath('reports/000_ee7a866cbdf1e3a9.txt'), q: '城关镇开展消防安全检查多少家次', figure: '60余家次' },
  dongming: { file: fixturePath('reports/003_e14c0fc8027c8e75.txt'), q: '东明镇享受低保政策的有多少户', figure: '2581户' },
  niutang: { file: fixturePath('reports/004_f7326a22c4686d62.txt'), q: '牛塘镇上半年固投多少', figure: '21.95亿元' },
  hailar: {
    file: fixturePath('corpus/encodings/海拉尔区_2019_gbk_crlf.txt'),
    q: '海拉尔区2019年计划完成多少户棚户区改造',
    figure: '800户',
  },
  jilin: { file: fixturePath('corpus/docx/2025年吉林省政府工作报告.docx'), q: '吉林省2024年粮食总产量多少', figure: '853.2亿斤' },
}

/** A fresh folder with reports/ and the place of data/index.json, removed by `cleanup`. */
export async function tempWorkspace(): Promise<{ dir: string; reportsDir: string; indexPath: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-qa-worker-'))
  const reportsDir = path.join(dir, 'reports')
  await mkdir(reportsDir)
  return {
    dir,
    reportsDir,
    indexPath: path.join(dir, 'data', 'index.json'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

export async function copyInto(dir: string, name: string, from: string): Promise<string> {
  const to = path.join(dir, name)
  await mkdir(path.dirname(to), { recursive: true })
  await copyFile(from, to)
  return to
}

/** A logger that keeps its lines (parsed) instead of printing them. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = []
  return { lines, logger: createLogger({ app: 'worker', write: (line) => lines.push(JSON.parse(line) as LogLine) }) }
}

/** Polls `check` until it returns something truthy; fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
