import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Answer } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, NIUTANG, openTestApp, type TestApp } from './helpers.ts'

let t: TestApp
let server: ServerType
let base: string
beforeAll(async () => {
  t = await openTestApp()
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
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
