import { Injectable } from '@nestjs/common';
import type { LexiconEntry } from '../../screening/domain/lexicon';
import { createScreeningEngine, type ScreeningEngine, type ScreeningEngineConfig, screeningEngineConfig, SCORER_DEFAULT } from '../../screening/domain/screen';
import { initialLexiconState, type LexiconState, type LexiconTerm, lexiconEntries } from '../domain/lexicon';

/** One immutable view: the terms of a version and the engine built from exactly those terms. */
export interface LexiconSnapshot {
  version: number;
  terms: readonly LexiconTerm[];
  engine: ScreeningEngine;
}

/**
 * The lexicon this process screens with. Readers take `snapshot()` once (per request, per batch) and use that
 * engine throughout, so a batch is screened by one version only; the follower builds the next engine off the
 * hot path and swaps it in with one assignment. Every version's engine has the same settings (URL allow-list, scorer):
 * the service passes ContentReviewConfig's (lexicon.providers.ts); without them, the defaults.
 */
@Injectable()
export class CurrentLexicon {
  private current: LexiconSnapshot;
  private waiters: Array<{ version: number; resolve: () => void }> = [];

  constructor(readonly engineConfig: ScreeningEngineConfig = screeningEngineConfig({ scorer: SCORER_DEFAULT === 'on' })) {
    this.current = buildSnapshot(initialLexiconState(), engineConfig);
  }

  snapshot(): LexiconSnapshot {
    return this.current;
  }

  /** Swaps in `state` (a newer version only: an older one arriving late never replaces a newer one). */
  apply(state: LexiconState): void {
    if (state.version <= this.current.version) return;
    this.current = buildSnapshot(state, this.engineConfig);
    const ready = this.waiters.filter((w) => w.version <= this.current.version);
    this.waiters = this.waiters.filter((w) => w.version > this.current.version);
    for (const w of ready) w.resolve();
  }

  /** Resolves true once this process screens with `version` or later, false after `timeoutMs`. */
  async waitFor(version: number, timeoutMs: number): Promise<boolean> {
    if (this.current.version >= version) return true;
    return new Promise<boolean>((resolve) => {
      const waiter = {
        version,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

function buildSnapshot(state: LexiconState, settings: ScreeningEngineConfig): LexiconSnapshot {
  const terms = [...state.terms.values()].map((t) => ({ ...t }));
  // The process's engine settings (URL allow-list, scorer), numbered with this version.
  const config: ScreeningEngineConfig = { ...settings, version: state.version };
  return { version: state.version, terms, engine: buildEngine(lexiconEntries(state), config) };
}

/** A stored term the engine cannot use (it folds to nothing) is left out rather than stopping screening. */
function buildEngine(entries: LexiconEntry[], config: ScreeningEngineConfig): ScreeningEngine {
  try {
    return createScreeningEngine(entries, config);
  } catch {
    return createScreeningEngine(
      entries.filter((entry) => usable(entry, config)),
      config,
    );
  }
}

function usable(entry: LexiconEntry, config: ScreeningEngineConfig): boolean {
  try {
    createScreeningEngine([entry], config);
    return true;
  } catch {
    return false;
  }
}
