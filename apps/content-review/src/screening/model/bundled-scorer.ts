import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScorer, parseScorerModel, type Scorer } from '../domain/scorer';

/**
 * The scorer model shipped with the service (ADR 0037), next to this file in the source and in dist/ (the build copies
 * `.json` files), written by `npm run screening:train`.
 */
export const BUNDLED_SCORER_FILE = join(__dirname, 'scorer-v2.json');

let bundled: Scorer | undefined;

/** The shipped scorer, read and checked once per process; a file of another version or shape is refused (throws). */
export function bundledScorer(): Scorer {
  bundled ??= createScorer(parseScorerModel(JSON.parse(readFileSync(BUNDLED_SCORER_FILE, 'utf8'))));
  return bundled;
}
