import { describe, expect, it } from 'vitest'
import { seriesSvg } from './series-svg.js'

describe('seriesSvg', () => {
  const years = [
    { label: '2013年', value: 253.7, figure: '253.7亿元', href: '#c1' },
    { label: '2014年', value: 274.4, figure: '274.4亿元' },
    { label: '2015年', value: null },
    { label: '2016年', value: 303.6, figure: '303.6亿元' },
  ]

  it('draws every figure as text and data, a missing year as a gap, and links a point to its citation', () => {
    const svg = seriesSvg(years, { title: '海拉尔区地区生产总值', unit: '亿元' })
    expect(svg.startsWith('<svg')).toBe(true)
    for (const figure of ['253.7亿元', '274.4亿元', '303.6亿元']) expect(svg).toContain(`data-figure="${figure}"`)
    expect(svg.match(/class="gap"/g)).toHaveLength(1)
    expect(svg).toContain('无数据')
    expect(svg).toContain('<a href="#c1">')
    // The line never bridges 2015: two runs, one of two points (2013, 2014) and 2016 alone (no line).
    expect(svg.match(/<polyline/g)).toHaveLength(1)
  })

  it('draws places as bars and escapes what it writes', () => {
    const svg = seriesSvg([
      { label: '江苏<省>', value: 5.8, figure: '5.8%' },
      { label: '浙江省', value: 5.5, figure: '5.5%' },
    ])
    expect(svg.match(/<rect x=/g)).toHaveLength(2)
    expect(svg).toContain('江苏&#60;省&#62;')
    expect(svg).not.toContain('江苏<省>')
  })
})
