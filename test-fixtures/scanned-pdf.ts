import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import PDFDocument from 'pdfkit'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** pdf.js's canvas factory in Node: @napi-rs/canvas canvases. */
interface CanvasFactory {
  create(width: number, height: number): { canvas: { toBuffer(mime: 'image/png'): Buffer }; context: unknown }
}

const BEIJING = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus', 'pdf', '2024年北京市政府工作报告.pdf')

/**
 * A scanned report: the first `pages` pages of the 北京 2024 PDF rendered to pictures (pdf.js onto
 * @napi-rs/canvas) and bound into a new PDF by pdfkit, one picture a page and no text layer, as a
 * scanner makes it.
 */
export async function scannedPdf(pages = 2): Promise<Uint8Array> {
  const source = await getDocument({ data: new Uint8Array(await readFile(BEIJING)), verbosity: 0 }).promise
  const pictures: Buffer[] = []
  for (let number = 1; number <= pages; number++) {
    const page = await source.getPage(number)
    const viewport = page.getViewport({ scale: 1 })
    const { canvas, context } = (source.canvasFactory as CanvasFactory).create(viewport.width, viewport.height)
    await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise
    pictures.push(canvas.toBuffer('image/png'))
  }
  await source.destroy()
  const scan = new PDFDocument({ autoFirstPage: false, size: 'A4' })
  const chunks: Buffer[] = []
  scan.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve) => scan.on('end', resolve))
  for (const picture of pictures) scan.addPage({ size: 'A4', margin: 0 }).image(picture, 0, 0, { fit: [595.28, 841.89] })
  scan.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}
