/**
 * The shipped scorer model is exactly what `npm run screening:train` writes from the train split (no hand edits, no
 * stale model after the corpus changes), its thresholds were chosen without the holdout, and the build ships it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFile, loadCorpus } from './corpus';
import { foldsByGroup, modelPath, repositoryRoot, serialiseModel, templateGroup, trainModel } from './train-scorer';

describe('the screening scorer model', () => {
  const train = readFileSync(corpusFile('train'), 'utf8');

  it('is byte-identical to a fresh training run on corpus/screening/train.jsonl (re-run `npm run screening:train`)', () => {
    const fresh = serialiseModel(trainModel(train));
    expect(serialiseModel(trainModel(train))).toBe(fresh); // deterministic
    expect(readFileSync(modelPath(), 'utf8')).toBe(fresh);
  }, 60_000);

  it('names the train split and its checksum, and nothing of the holdout', () => {
    const model = JSON.parse(readFileSync(modelPath(), 'utf8')) as { trainedOn: { split: string; sha256: string } };
    expect(model.trainedOn).toMatchObject({ split: 'train', sha256: createHash('sha256').update(train).digest('hex') });
  });

  it('keeps every variant of a template in one fold (cross-validation by template group)', () => {
    expect(templateGroup('l-verification-zh-01-3')).toBe('l-verification-zh-01');
    expect(templateGroup('v-fraud-en-12-10')).toBe('v-fraud-en-12');
    const rows = loadCorpus('train');
    const folds = foldsByGroup(rows);
    const foldOfGroup = new Map<string, Set<number>>();
    for (const row of rows) {
      const group = templateGroup(row.id);
      foldOfGroup.set(group, (foldOfGroup.get(group) ?? new Set()).add(folds.get(group) ?? -1));
    }
    for (const set of foldOfGroup.values()) expect(set.size).toBe(1);
    expect(new Set(folds.values()).size).toBe(5);
  });

  it('is copied next to the built code (dist/), where the service loads it from', () => {
    const built = join(repositoryRoot(), 'dist', 'apps', 'content-review', 'src', 'screening', 'model', 'scorer-v2.json');
    // e2e runs after `npm run build` (npm run test:e2e).
    expect(existsSync(built)).toBe(true);
    expect(readFileSync(built, 'utf8')).toBe(readFileSync(modelPath(), 'utf8'));
  });
});
