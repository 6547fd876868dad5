import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import yazl from 'yazl'

/*
 * .docx files made for tests: a minimal Word document (content types, relationships and
 * word/document.xml) whose paragraphs are given, or one whose document.xml inflates to a chosen
 * size (a zip bomb, as a hostile upload would be).
 */

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
const TAIL = '</w:body></w:document>'

const paragraph = (text: string) => `<w:p><w:r><w:t>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`

function zip(documentXml: Readable | Buffer): Promise<Buffer> {
  const file = new yazl.ZipFile()
  file.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml')
  file.addBuffer(Buffer.from(RELS), '_rels/.rels')
  if (Buffer.isBuffer(documentXml)) file.addBuffer(documentXml, 'word/document.xml')
  else file.addReadStream(documentXml, 'word/document.xml')
  file.end()
  return buffer(file.outputStream)
}

/** A .docx holding these paragraphs, one a line. */
export function makeDocx(lines: string[]): Promise<Buffer> {
  return zip(Buffer.from(HEAD + lines.map(paragraph).join('') + TAIL))
}

/** A valid .docx whose word/document.xml inflates to about `bytes` (one paragraph repeated: it compresses some 300-1000 times). */
export function docxInflatingTo(bytes: number): Promise<Buffer> {
  const block = paragraph('各位代表，现在我代表镇人民政府向大会报告工作，请予审议。').repeat(200)
  const blocks = Math.ceil(bytes / Buffer.byteLength(block))
  let sent = -1
  const stream = new Readable({
    read() {
      if (sent === -1) this.push(HEAD)
      else if (sent < blocks) this.push(block)
      else if (sent === blocks) this.push(TAIL)
      else this.push(null)
      sent++
    },
  })
  return zip(stream)
}
