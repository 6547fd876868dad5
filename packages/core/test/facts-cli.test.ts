import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { runFacts, type FactsOptions } from '../src/cli/facts-command.ts'
import type { FactRow } from '../src/facts/list-facts.ts'

const CORE = fileURLToPath(new URL('..', import.meta.url))
const HEADER = 'place,parent,level,year,period,indicator,kind,measure,figure,value,unit,source,reportId,page,paragraph,quote'

/** `pnpm facts …` as the root script runs it (tsx src/cli/main.ts facts …), in a process of its own. */
function factsProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { cwd: CORE, env: { ...process.env, INIT_CWD: CORE } }
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'facts', ...args], options, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** The command in this process, its output collected. */
async function facts(options: Partial<FactsOptions>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } }
  const code = await runFacts({ reportsDir: fixturePath(), csv: false, ...options }, io)
  return { code, stdout, stderr }
}

describe('pnpm facts', () => {
  it('prints 海拉尔区 地区生产总值 as CSV with a header row, 2016 303.6 among the rows (a real process)', async () => {
    const { code, stdout } = await factsProcess(
      '--place',
      '海拉尔区',
      '--indicator',
      '地区生产总值',
      '--csv',
      '--reports',
      fixturePath(),
    )
    expect(code).toBe(0)
    expect(stdout.split('\r\n')[0]).toBe(HEADER)
    const rows = parse(stdout, { columns: true }) as Record<string, string>[]
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.every((row) => row['place'] === '海拉尔区' && row['indicator'] === '地区生产总值')).toBe(true)
    expect(rows).toContainEqual(expect.objectContaining({ year: '2016', kind: 'amount', figure: '303.6亿元', paragraph: '7' }))
  })

  it('refuses a bad year or level with exit code 2 and says which (a real process)', async () => {
    const bad = await factsProcess('--level', 'village')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--level must be one of township, county, city, province, national')
  })

  it('prints one JSON object a line, within --from..--to, an indicator named by a synonym', async () => {
    const { code, stdout } = await facts({ place: '海拉尔区', indicator: 'GDP', from: '2016', to: '2016' })
    expect(code).toBe(0)
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as FactRow)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((row) => row.year === 2016 && row.indicator === '地区生产总值')).toBe(true)
    expect(rows.map((row) => row.figure)).toContain('303.6亿元')
  })

  it('refuses a year that is not one, or from after to, before reading any report', async () => {
    for (const [options, message] of [
      [{ from: '16' }, '--from must be a year such as 2016, not "16"'],
      [{ to: '' }, '--to must be a year'],
      [{ from: '2018', to: '2016' }, '--from is after --to'],
    ] as const) {
      const { code, stderr } = await facts({ ...options, reportsDir: '/nonexistent' })
      expect(code).toBe(2)
      expect(stderr).toContain(message)
    }
  })

  it('says on stderr when nothing matches, printing only the header in CSV', async () => {
    const { code, stdout, stderr } = await facts({ place: '黄桥镇', csv: true, reportsDir })
    expect(code).toBe(0)
    expect(stdout).toBe(HEADER + '\r\n')
    expect(stderr).toContain('no facts match')
  })
})
