import { existsSync } from 'node:fs'
import type { Logger } from '@report-qa/core'
import { seriesSvg, type ChartPoint } from '@report-qa/chart'
import { renderAsync } from '@resvg/resvg-js'

/** A font file with Chinese glyphs and the family name inside it. */
export interface ChartFont {
  file: string
  family: string
}

/**
 * Where Debian's Chinese fonts put their files, the smallest first. `.ci/run` installs
 * fonts-wqy-microhei (1.6 MB); any of the others works as well.
 */
export const CJK_FONTS: ChartFont[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
]

/** The font given (null: no charts), else the first of `CJK_FONTS` present; without one, says so. */
export function chartFont(given: ChartFont | null | undefined, logger: Logger): ChartFont | null {
  const font = given === undefined ? findCjkFont() : given
  if (!font) {
    logger.warn('no Chinese font found: series answers are sent without a chart', {
      lookedFor: CJK_FONTS.map((f) => f.file),
    })
  }
  return font
}

/** The first of `candidates` present on this machine, or null (charts are then not drawn). */
export function findCjkFont(candidates: ChartFont[] = CJK_FONTS): ChartFont | null {
  return candidates.find((font) => existsSync(font.file)) ?? null
}

const SLOT = 64
const MIN_WIDTH = 640
/** Wide charts grow taller too, so that a phone shows more than a strip. */
const ASPECT = 2.5
/** Telegram scales a photo down to 2560 pixels on its long side; draw at most this wide. */
const MAX_PIXELS = 2048

/**
 * The chart of a series as a PNG: `seriesSvg` (the page draws the same SVG) rendered by resvg,
 * with the Chinese font loaded from its file (system fonts are not searched: the picture is the
 * same on every machine). Drawn at twice its size for phone screens, less when it is wide; 64
 * pixels a point, so that labels such as 2016年 and figures such as 1794.5亿元 do not overlap.
 */
export async function renderChart(
  points: ChartPoint[],
  options: { title: string; unit: string },
  font: ChartFont,
): Promise<Buffer> {
  const width = Math.max(MIN_WIDTH, SLOT * points.length + 72)
  const svg = seriesSvg(points, { ...options, width, height: Math.max(320, Math.round(width / ASPECT)) })
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: Math.min(2, MAX_PIXELS / width) },
    font: { loadSystemFonts: false, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family },
    logLevel: 'off',
  })
  return image.asPng()
}
