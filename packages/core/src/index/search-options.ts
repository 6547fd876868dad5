import type { Options } from 'minisearch'

/** A document as MiniSearch sees it: text already cut into tokens by our segmenter. */
export interface PassageDoc {
  id: string
  /** Tokens of the paragraph, joined by SEPARATOR. */
  text: string
  /** Tokens of its heading path. */
  section: string
}

export const SEPARATOR = '\u0001'

/** Every MiniSearch option in one place: index and search share the pre-cut tokens. */
export const MINISEARCH_OPTIONS: Options<PassageDoc> = {
  fields: ['text', 'section'],
  storeFields: [],
  tokenize: (text) => text.split(SEPARATOR),
  processTerm: (term) => term || null,
  searchOptions: {
    boost: { text: 1, section: 0.5 },
    combineWith: 'OR',
    tokenize: (text) => text.split(SEPARATOR),
    processTerm: (term) => term || null,
  },
}
