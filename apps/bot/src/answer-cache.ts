import type { Answer } from '@report-qa/core'

/**
 * The most recent answers, by a short id that fits in callback data (原文, 更多). Bounded: the
 * oldest answer is forgotten first, and a button on a forgotten answer asks to ask again.
 */
export class AnswerCache {
  private readonly answers = new Map<string, Answer>()
  private counter = 0

  constructor(private readonly capacity = 500) {}

  add(answer: Answer): string {
    const id = (this.counter++).toString(36)
    this.answers.set(id, answer)
    const oldest = this.answers.keys().next()
    if (this.answers.size > this.capacity && !oldest.done) this.answers.delete(oldest.value)
    return id
  }

  get(id: string): Answer | undefined {
    const answer = this.answers.get(id)
    if (answer) {
      // Used again: now the most recent.
      this.answers.delete(id)
      this.answers.set(id, answer)
    }
    return answer
  }

  get size(): number {
    return this.answers.size
  }
}
