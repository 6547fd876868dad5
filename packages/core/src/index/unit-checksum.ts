import { createHash } from 'node:crypto'
import { CoreError } from '../errors.ts'

/*
 * Integrity of place units, a layer apart from their layout (place-unit.ts): the artifact's catalog
 * records each unit's checksum, and a unit is checked against it the first time it is read from
 * the file, before any of its bytes are parsed. A unit whose bytes were damaged on disk is refused
 * with INDEX_DAMAGED (a question about it then gets "try again" rather than a 500, and the writer
 * rebuilds it from its sources) instead of answering from damaged text or failing part-way.
 */

/** sha256 of a unit's bytes, hex. */
export function unitChecksum(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Whether `bytes` have the checksum the catalog recorded (none recorded: nothing to check). */
export function unitIntact(bytes: Uint8Array, expected: string | undefined): boolean {
  return expected === undefined || unitChecksum(bytes) === expected
}

/** Throws INDEX_DAMAGED unless `bytes` have the checksum the catalog recorded. */
export function verifyUnit(place: string, bytes: Uint8Array, expected: string | undefined): void {
  if (!unitIntact(bytes, expected)) {
    throw new CoreError('INDEX_DAMAGED', `the index of ${place || 'reports without a place'} is damaged (checksum mismatch)`)
  }
}
