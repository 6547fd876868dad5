// @ts-check
/**
 * A series answer as an SVG chart: one function, in plain JavaScript with no imports, so that the
 * page runs it in the browser (it is inlined into the page's script) and the bot renders the same
 * markup to an image in Node.
 */

/**
 * @typedef {object} ChartPoint
 * @property {string} label      the x-axis label: 2016年, or 江苏省
 * @property {number | null} value  the point's value in the chart's unit; null for a year or place no report gives (a gap)
 * @property {string} [figure]   the figure as the report writes it, shown above the point
 * @property {string} [href]     where the point links to (its citation)
 */

/**
 * @typedef {object} ChartOptions
 * @property {string} [title]
 * @property {string} [unit]      shown on the value axis
 * @property {'line' | 'bar'} [kind]  line for years, bar for places (default: line when every label is a year)
 * @property {number} [width]
 * @property {number} [height]
 */

/** @param {string} text */
function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A round step for an axis spanning `span`: 1, 2 or 5 times a power of ten. @param {number} span */
function niceStep(span) {
  const raw = span / 4 || 1
  const power = 10 ** Math.floor(Math.log10(raw))
  const scaled = raw / power
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power
}

/** @param {number} value */
function tick(value) {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
}

/**
 * The chart's SVG markup. Every point that has a value carries its figure as text and as
 * `data-figure`; a gap is drawn as a hollow mark labelled 无数据.
 * @param {ChartPoint[]} points
 * @param {ChartOptions} [options]
 * @returns {string}
 */
export function seriesSvg(points, options = {}) {
  const width = options.width ?? 640
  const height = options.height ?? 320
  const kind = options.kind ?? (points.every((p) => /^\d{4}年/.test(p.label)) ? 'line' : 'bar')
  const pad = { top: options.title ? 44 : 24, right: 16, bottom: 48, left: 56 }
  const plotWidth = width - pad.left - pad.right
  const plotHeight = height - pad.top - pad.bottom
  /** @type {number[]} */
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]))
  const low = Math.min(0, ...values)
  const high = Math.max(0, ...values, 1e-9)
  const step = niceStep(high - low)
  const top = Math.ceil(high / step) * step
  const bottom = Math.floor(low / step) * step
  /** @param {number} v */
  const y = (v) => pad.top + plotHeight - ((v - bottom) / (top - bottom || 1)) * plotHeight
  const slot = plotWidth / Math.max(points.length, 1)
  /** @param {number} i */
  const x = (i) => pad.left + slot * (i + 0.5)

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ]
  if (options.title)
    parts.push(
      `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    )
  for (let v = bottom; v <= top + step / 2; v += step) {
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e3e3"/>`)
    parts.push(`<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555">${tick(v)}</text>`)
  }
  if (options.unit)
    parts.push(`<text x="${pad.left - 6}" y="${pad.top - 8}" text-anchor="end" fill="#555">${escapeXml(options.unit)}</text>`)
  parts.push(
    `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(Math.max(bottom, 0))}" y2="${y(Math.max(bottom, 0))}" stroke="#888"/>`,
  )

  if (kind === 'line') {
    // Gaps break the line: a missing year is never bridged.
    /** @type {string[][]} */
    const runs = [[]]
    points.forEach((p, i) => {
      if (p.value === null) runs.push([])
      else runs[runs.length - 1]?.push(`${x(i)},${y(p.value)}`)
    })
    for (const run of runs)
      if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="#1f5fa8" stroke-width="2"/>`)
  }
  points.forEach((p, i) => {
    const label = `<text x="${x(i)}" y="${height - pad.bottom + 18}" text-anchor="middle" fill="#333">${escapeXml(p.label)}</text>`
    if (p.value === null) {
      parts.push(
        `<g class="gap">${label}<circle cx="${x(i)}" cy="${y(Math.max(bottom, 0)) - 8}" r="5" fill="#fff" stroke="#aaa" stroke-dasharray="2 2"/><text x="${x(i)}" y="${y(Math.max(bottom, 0)) - 18}" text-anchor="middle" fill="#999">无数据</text></g>`,
      )
      return
    }
    const figure = escapeXml(p.figure ?? tick(p.value))
    const mark =
      kind === 'bar'
        ? `<rect x="${x(i) - slot * 0.3}" y="${Math.min(y(p.value), y(0))}" width="${slot * 0.6}" height="${Math.abs(y(0) - y(p.value))}" fill="#1f5fa8"/>`
        : `<circle cx="${x(i)}" cy="${y(p.value)}" r="4" fill="#1f5fa8"/>`
    const point = `<g class="point" data-figure="${figure}">${mark}<text x="${x(i)}" y="${y(p.value) - 8}" text-anchor="middle" fill="#111">${figure}</text>${label}</g>`
    parts.push(p.href ? `<a href="${escapeXml(p.href)}">${point}</a>` : point)
  })
  parts.push('</svg>')
  return parts.join('')
}
