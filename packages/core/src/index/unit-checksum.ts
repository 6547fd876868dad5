import { hash } from 'node:crypto'
import { CoreError } from '../errors.ts'

/*
 * Integrity of place units, a layer apart from their layout (place-unit.ts): the artifact's catalog
 * records each unit's checksum, a digest of every 16 KB block of it, and a block is checked the
 * first time an index reads any of it from the file, before its bytes are parsed. A question thus
 * checks only the blocks it reads (a place's first question reads a few of a unit's blocks, a
 * series over a level a few of each place's), while a damaged block is refused with INDEX_DAMAGED
 * (a question about it then gets "try again" rather than a 500, and the writer rebuilds the place
 * from its sources) instead of answering from damaged text or failing part-way. The writer and a
 * save check whole units.
 */

/** Bytes of a unit checked as one. */
export const CHECK_BLOCK = 16 * 1024
/** Bytes kept of each block's sha256. */
const DIGEST = 16

function blockDigest(block: Uint8Array): Buffer {
  return hash('sha256', block, 'buffer').subarray(0, DIGEST)
}

/** The checksum of a unit's bytes: the first 16 bytes of each 16 KB block's sha256, in order, base64. */
export function unitChecksum(bytes: Uint8Array): string {
  const blocks = Math.ceil(bytes.byteLength / CHECK_BLOCK)
  const out = Buffer.alloc(blocks * DIGEST)
  for (let b = 0; b < blocks; b++) blockDigest(bytes.subarray(b * CHECK_BLOCK, (b + 1) * CHECK_BLOCK)).copy(out, b * DIGEST)
  return out.toString('base64')
}

/** Whether `bytes` have the checksum the catalog recorded (none recorded: nothing to check). */
export function unitIntact(bytes: Uint8Array, expected: string | undefined): boolean {
  return expected === undefined || unitChecksum(bytes) === expected
}

function damaged(place: string): CoreError {
  return new CoreError('INDEX_DAMAGED', `the index of ${place || 'reports without a place'} is damaged (checksum mismatch)`)
}

/** Throws INDEX_DAMAGED unless `bytes` have the checksum the catalog recorded (the place named only then). */
export function verifyUnit(place: string | (() => string), bytes: Uint8Array, expected: string | undefined): void {
  if (!unitIntact(bytes, expected)) throw damaged(typeof place === 'function' ? place() : place)
}

/**
 * Ranges of a stored unit, each block checked against the unit's checksum the first time a range
 * touches it (and remembered as checked while the index lives, across the unit's closing and
 * opening again). Without a checksum, ranges are read unchecked.
 */
export class CheckedUnit {
  private readonly digests: Buffer | null
  private readonly checked: Uint8Array

  constructor(
    private readonly place: string,
    private readonly readRaw: (offset: number, length: number) => Uint8Array,
    private readonly length: number,
    checksum: string | undefined,
  ) {
    this.digests = checksum === undefined ? null : Buffer.from(checksum, 'base64')
    const blocks = Math.ceil(length / CHECK_BLOCK)
    this.checked = new Uint8Array(blocks)
    if (this.digests && this.digests.length !== blocks * DIGEST) throw damaged(place)
  }

  read(offset: number, length: number): Uint8Array {
    if (!this.digests || length === 0) return this.readRaw(offset, length)
    const first = Math.floor(offset / CHECK_BLOCK)
    const last = Math.floor((offset + length - 1) / CHECK_BLOCK)
    if (this.checked.subarray(first, last + 1).every((checked) => checked === 1)) return this.readRaw(offset, length)
    // Blocks not checked yet: the blocks under the range are read once, checked, and the range cut from them.
    const start = first * CHECK_BLOCK
    const blocks = this.readRaw(start, Math.min((last + 1) * CHECK_BLOCK, this.length) - start)
    for (let b = first; b <= last; b++) {
      if (this.checked[b]) continue
      const block = blocks.subarray((b - first) * CHECK_BLOCK, (b - first + 1) * CHECK_BLOCK)
      if (!blockDigest(block).equals(this.digests.subarray(b * DIGEST, (b + 1) * DIGEST))) throw damaged(this.place)
      this.checked[b] = 1
    }
    // A copy, so that what a unit keeps (its dictionary, say) does not hold the blocks around it.
    return Buffer.from(blocks.subarray(offset - start, offset - start + length))
  }
}
