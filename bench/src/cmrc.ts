import { readFile } from 'node:fs/promises'
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch'
import { canonicalize, MINISEARCH_OPTIONS, QUESTION_WORDS, queryTokens, rankByBm25, SEPARATOR, tokenize } from '@report-qa/core'

interface Squad {
  data: { title?: string; paragraphs: { context: string; qas: { id: string; question: string }[] }[] }[]
}

export interface Dataset {
  name: string
  contexts: string[]
  /** Each question with the index of its paragraph. */
  questions: { q: string; gold: number }[]
}

export async function readSquad(file: string, name: string): Promise<Dataset> {
  const squad = JSON.parse(await readFile(file, 'utf8')) as Squad
  const contexts: string[] = []
  const questions: Dataset['questions'] = []
  for (const article of squad.data) {
    for (const paragraph of article.paragraphs) {
      const gold = contexts.push(paragraph.context) - 1
      for (const qa of paragraph.qas) questions.push({ q: qa.question, gold })
    }
  }
  return { name, contexts, questions }
}

export interface Retrieval {
  recall1: number
  recall5: number
  mrr10: number
  ms: number
}

/** A way to index paragraphs and rank them for a question. */
interface Ranker {
  add(contexts: string[]): void
  rank(question: string): number[]
}

/** Runs a ranker over the dataset: a hit is any top result whose text equals the gold paragraph's. */
function evaluate(dataset: Dataset, ranker: Ranker): Retrieval {
  const started = performance.now()
  ranker.add(dataset.contexts)
  let r1 = 0
  let r5 = 0
  let mrr = 0
  for (const { q, gold } of dataset.questions) {
    const ranked = ranker.rank(q).slice(0, 10)
    const at = ranked.findIndex((id) => dataset.contexts[id] === dataset.contexts[gold])
    if (at === 0) r1++
    if (at >= 0 && at < 5) r5++
    if (at >= 0) mrr += 1 / (at + 1)
  }
  const n = dataset.questions.length
  return { recall1: r1 / n, recall5: r5 / n, mrr10: mrr / n, ms: performance.now() - started }
}

const HAN_RUN = /\p{Script=Han}+/gu

/** Overlapping character pairs of every Han run (a lone character stays a unigram). */
export function hanBigrams(text: string): string[] {
  const out: string[] = []
  for (const [run] of canonicalize(text).matchAll(HAN_RUN)) {
    if (run.length === 1) out.push(run)
    for (let k = 0; k + 1 < run.length; k++) out.push(run.slice(k, k + 2))
  }
  return out
}

/** Baseline: plain MiniSearch over overlapping character bigrams of the raw text. */
function plainBigrams(): Ranker {
  const bigrams = (text: string): string[] => {
    const chars = [...text.replace(/\s+/g, '')]
    const out: string[] = []
    for (let k = 0; k + 1 < chars.length; k++) out.push(chars[k]! + chars[k + 1]!)
    return out
  }
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: bigrams })
  return {
    add: (contexts) => search.addAll(contexts.map((text, id) => ({ id, text }))),
    rank: (question) => search.search(question).map((hit) => hit.id as number),
  }
}

interface PassageDoc2 {
  id: number
  text: string
  section: string
  bigrams: string
}

export interface Variant {
  name: string
  /** Adds a field of Han-run bigrams beside our word tokens (question words dropped from its query). */
  bigramField?: { boost: number }
  bm25?: SearchOptions['bm25']
  /** Keeps MiniSearch's own order (score × distinct query terms matched) instead of `rankByBm25`. */
  coordination?: boolean
}

/** Our segmenter and core's MiniSearch options and ranking, optionally with a bigram field. */
function ours(variant: Variant): Ranker {
  const join = (tokens: string[]): string => tokens.join(SEPARATOR)
  const options: Options<PassageDoc2> = {
    ...(MINISEARCH_OPTIONS as unknown as Options<PassageDoc2>),
    fields: variant.bigramField ? ['text', 'section', 'bigrams'] : ['text', 'section'],
  }
  const search = new MiniSearch<PassageDoc2>(options)
  const rank = (results: SearchResult[]): number[] =>
    (variant.coordination ? results : rankByBm25(results)).map((hit) => hit.id as number)
  return {
    add: (contexts) =>
      search.addAll(
        contexts.map((context, id) => ({
          id,
          text: join(tokenize(context)),
          section: '',
          bigrams: variant.bigramField ? join(hanBigrams(context)) : '',
        })),
      ),
    rank: (question) => {
      const words = join(queryTokens(question))
      const bm25 = variant.bm25 ? { bm25: variant.bm25 } : {}
      if (!variant.bigramField) return rank(search.search(words, bm25))
      const query: Query = {
        combineWith: 'OR',
        queries: [
          { queries: [words], fields: ['text'] },
          {
            queries: [join([...new Set(hanBigrams(question.replace(QUESTION_WORDS, ' ')))])],
            fields: ['bigrams'],
            boost: { bigrams: variant.bigramField.boost },
          },
        ],
      }
      return rank(search.search(query, bm25))
    },
  }
}

export interface CmrcResult {
  dataset: string
  paragraphs: number
  questions: number
  bigram: Retrieval
  variants: { variant: Variant; retrieval: Retrieval }[]
}

/** Variants tried beside core as it is; the first is core unchanged. */
export const VARIANTS: Variant[] = [
  { name: 'core as is (tokenize, queryTokens, core MiniSearch options, rankByBm25)' },
  { name: "MiniSearch's own order (score × query terms matched)", coordination: true },
  { name: '+ Han-bigram field (boost 1)', bigramField: { boost: 1 } },
  { name: 'BM25 k=2 b=0.75', bm25: { k: 2, b: 0.75, d: 0.5 } },
]

export function measureCmrc(dataset: Dataset, variants: Variant[] = VARIANTS): CmrcResult {
  return {
    dataset: dataset.name,
    paragraphs: dataset.contexts.length,
    questions: dataset.questions.length,
    bigram: evaluate(dataset, plainBigrams()),
    variants: variants.map((variant) => ({ variant, retrieval: evaluate(dataset, ours(variant)) })),
  }
}

if (process.argv[1]?.endsWith('cmrc.ts')) {
  const dataset = await readSquad(process.argv[2] ?? '/work/shared/benchmarks/cmrc2018/cmrc2018_squad_dev.json', 'dev')
  const result = measureCmrc(dataset)
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
  console.log(
    `bigram baseline R@1 ${pct(result.bigram.recall1)} R@5 ${pct(result.bigram.recall5)} MRR ${result.bigram.mrr10.toFixed(3)}`,
  )
  for (const { variant, retrieval } of result.variants) {
    console.log(
      `${variant.name}: R@1 ${pct(retrieval.recall1)} R@5 ${pct(retrieval.recall5)} MRR ${retrieval.mrr10.toFixed(3)} (${(retrieval.ms / 1000).toFixed(1)} s)`,
    )
  }
}
