import type { Answer } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, listen, NIUTANG, openTestApp, type TestApp } from './helpers.ts'

let t: TestApp
let server: Awaited<ReturnType<typeof listen>>
let base: string
beforeAll(async () => {
  t = await openTestApp()
  server = await listen(t.app)
  base = server.base
})
afterAll(async () => {
  await server.close()
  await t.close()
})

describe('a real listening server', () => {
  it('answers 200 concurrent /ask requests, each with 21.95亿元', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, () => fetch(base + ask(NIUTANG))))
    const answers = await Promise.all(
      responses.map(async (response) => ({ status: response.status, body: (await response.json()) as Answer })),
    )
    expect(answers.filter((a) => a.status !== 200)).toEqual([])
    expect(answers.every((a) => a.body.answer?.includes('21.95亿元'))).toBe(true)
    const ids = new Set(responses.map((response) => response.headers.get('x-request-id')))
    expect(ids.size).toBe(200)
  })

  it('serves errors as JSON over HTTP too', async () => {
    const response = await fetch(`${base}/reports/nope`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'REPORT_NOT_FOUND', message: expect.any(String) } })
  })
})
