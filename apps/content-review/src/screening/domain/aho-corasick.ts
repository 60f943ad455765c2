/**
 * Aho–Corasick automaton over code points: every pattern occurrence in one left-to-right pass, whatever the number
 * of patterns, so screening cost grows with the text and not with the lexicon.
 */
export interface PatternHit {
  /** Index of the pattern as given to the constructor. */
  pattern: number;
  /** Position of the first code point of the occurrence in the searched sequence. */
  start: number;
  /** Position of its last code point. */
  end: number;
}

export class AhoCorasick {
  private readonly goto: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state, including those reached through fail links (merged at build time). */
  private readonly output: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: ReadonlyArray<readonly number[]>) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) throw new Error(`Pattern ${index} is empty`);
      let state = 0;
      for (const cp of pattern) {
        let next = this.goto[state].get(cp);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.output.push([]);
          this.goto[state].set(cp, next);
        }
        state = next;
      }
      this.output[state].push(index);
    });
    this.linkFailures();
  }

  /** Breadth-first, so a state's fail target is always finished before the state itself. */
  private linkFailures(): void {
    const queue: number[] = [];
    for (const child of this.goto[0].values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [cp, child] of this.goto[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.goto[f].has(cp)) f = this.fail[f];
        const target = this.goto[f].get(cp);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        if (this.output[this.fail[child]].length > 0) this.output[child] = [...this.output[child], ...this.output[this.fail[child]]];
        queue.push(child);
      }
    }
  }

  search(sequence: readonly number[]): PatternHit[] {
    const hits: PatternHit[] = [];
    let state = 0;
    for (let i = 0; i < sequence.length; i++) {
      const cp = sequence[i];
      let next = this.goto[state].get(cp);
      while (next === undefined && state !== 0) {
        state = this.fail[state];
        next = this.goto[state].get(cp);
      }
      state = next ?? 0;
      const out = this.output[state];
      for (let k = 0; k < out.length; k++) hits.push({ pattern: out[k], start: i - this.lengths[out[k]] + 1, end: i });
    }
    return hits;
  }
}
