import type { Readable } from 'node:stream'
import yauzl, { type Entry } from 'yauzl'
import { CoreError } from '../errors.ts'

/**
 * What a .docx may unpack to before it is opened. A .docx is a zip: 180 KB can inflate to 53 MB of
 * XML, which a parser then holds many times over (that ran the API out of heap). Real reports are
 * far below these: the 31 provincial reports of 2025 unpack to 0.1-0.3 MB in 11-22 entries, their
 * XML compressed about 10 times. mammoth holds some 40 times the XML it reads (12 MB of
 * document.xml took over 512 MB of heap), hence 8 MB of text parts.
 */
export interface DocxLimits {
  /** Entries in the archive. */
  maxEntries: number
  /** Bytes the parts that are read (everything but word/media/ and word/embeddings/) unpack to, together. */
  maxTextBytes: number
  /** Bytes every entry unpacks to, together (pictures included). */
  maxTotalBytes: number
  /** How many times an entry over 1 MB may inflate. */
  maxRatio: number
}

export const DOCX_LIMITS: DocxLimits = {
  maxEntries: 1000,
  maxTextBytes: 8 * 2 ** 20,
  maxTotalBytes: 256 * 2 ** 20,
  maxRatio: 100,
}

const MB = 2 ** 20

/**
 * Refuses (REPORT_TOO_LARGE) a .docx over `limits`, reading only the zip's directory and, for the
 * parts that are read, inflating each once without keeping it: the sizes an archive declares are
 * checked against what actually comes out, so an archive that understates them is refused as soon
 * as it inflates past what it declared. A file that is not a readable zip is REPORT_UNREADABLE.
 */
export async function checkDocx(bytes: Uint8Array, name: string, limits: DocxLimits = DOCX_LIMITS): Promise<void> {
  const tooLarge = (why: string) => new CoreError('REPORT_TOO_LARGE', `${name}: ${why}`)
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      validateEntrySizes: true,
    })
  } catch (cause) {
    throw new CoreError('REPORT_UNREADABLE', `${name}: the .docx could not be read (not a zip archive)`, { cause })
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw tooLarge(`the .docx holds ${zip.entryCount} entries (at most ${limits.maxEntries})`)
    const read: Entry[] = []
    let text = 0
    let total = 0
    for await (const entry of zip.eachEntry()) {
      const { fileName, uncompressedSize: size, compressedSize } = entry
      if (size > MB && size > limits.maxRatio * Math.max(1, compressedSize)) {
        throw tooLarge(
          `${fileName} inflates ${Math.round(size / Math.max(1, compressedSize))} times (at most ${limits.maxRatio})`,
        )
      }
      total += size
      if (total > limits.maxTotalBytes) throw tooLarge(`the .docx unpacks to more than ${limits.maxTotalBytes / MB} MB`)
      if (/^word\/(?:media|embeddings)\//.test(fileName) || fileName.endsWith('/')) continue
      text += size
      if (text > limits.maxTextBytes)
        throw tooLarge(`the .docx unpacks to more than ${limits.maxTextBytes / MB} MB of text parts`)
      read.push(entry)
    }
    for (const entry of read) await drain(await zip.openReadStreamPromise(entry), name, entry.fileName)
  } catch (error) {
    if (error instanceof CoreError) throw error
    throw new CoreError('REPORT_UNREADABLE', `${name}: the .docx could not be read`, { cause: error })
  } finally {
    zip.close()
  }
}

/** Reads a stream to its end, keeping nothing; yauzl fails it once it passes its declared size. */
async function drain(stream: Readable, name: string, part: string): Promise<void> {
  try {
    for await (const _chunk of stream);
  } catch (cause) {
    const lied = /too many bytes/.test((cause as Error).message)
    throw lied
      ? new CoreError('REPORT_TOO_LARGE', `${name}: ${part} inflates past the size the archive declares`, { cause })
      : new CoreError('REPORT_UNREADABLE', `${name}: ${part} could not be unpacked`, { cause })
  }
}
