/**
 * `npm run screening:eval [-- --split train|holdout|all] [-- --scorer on|off] [-- --check] [-- --misses N]` (ADR 0032): screens every row of the
 * labelled corpus with the bundled engine and prints a table on stdout, followed by one JSON line
 * `{"screeningEval": {...}}`. Exit code 0 (it is a report), unless `--check` is given: then 1 when a target
 * (recall ≥ 95 %, false positives ≤ 1 %, review rate ≤ 2 %) is missed. `--misses N` also lists up to N rows the engine
 * got wrong (ids and outcomes only, to keep the table readable; the texts are in the corpus files).
 * `--scorer on|off` (default: the service's SCREENING_SCORER default) screens with or without the statistical scorer
 * (ADR 0037); train rows are then scored out of fold (a model trained without the row's template group), holdout rows
 * by the shipped model. A comparison of both, per split, follows the table.
 */
// The evaluation screens in-process with the service's own engine, so it reaches into the service (as the ledger
// bench does); no other e2e code does.
/* eslint-disable @nx/enforce-module-boundaries */
import { LEXICON } from '../../apps/content-review/src/screening/domain/lexicon';
import { createScorer } from '../../apps/content-review/src/screening/domain/scorer';
import { createScreeningEngine, SCORER_DEFAULT, type ScreeningEngine } from '../../apps/content-review/src/screening/domain/screen';
import { bundledScorer } from '../../apps/content-review/src/screening/model/bundled-scorer';
/* eslint-enable @nx/enforce-module-boundaries */
import { foldModels, isOrdinary } from './train-scorer';
import { type CorpusRow, loadCorpus, type Split, SPLITS } from './corpus';
import { type CategoryFigures, type Evaluation, evaluate, type Figures, figures, screened, type Screened } from './metrics';

function argument(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index >= 0) return argv[index + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const pad = (cells: (string | number)[], widths: number[]): string => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

function table(evaluation: Evaluation, split: string): string {
  const lines: string[] = [];
  const kindWidths = [14, 6, 6, 6, 8, 8, 9, 8, 8];
  lines.push(`screening eval — split ${split}`);
  lines.push('');
  lines.push(pad(['kind', 'msgs', 'legit', 'viol', 'recall', 'blkRec', 'precision', 'FP', 'review'], kindWidths));
  const kindRow = (name: string, f: Figures) =>
    pad([name, f.messages, f.legit, f.violations, percent(f.recall), percent(f.blockRecall), percent(f.precision), percent(f.falsePositiveRate), percent(f.reviewRate)], kindWidths);
  for (const [kind, f] of Object.entries(evaluation.byKind)) lines.push(kindRow(kind, f));
  lines.push(kindRow('ALL', evaluation.overall));
  lines.push('');
  const catWidths = [18, 6, 8, 8, 8, 9, 6];
  lines.push(pad(['category', 'viol', 'recall', 'blkRec', 'flagged', 'precision', 'FPs'], catWidths));
  const catRow = (name: string, c: CategoryFigures) => pad([name, c.violations, percent(c.recall), percent(c.blockRecall), c.flagged, percent(c.precision), c.falsePositives], catWidths);
  for (const [category, c] of Object.entries(evaluation.byCategory)) lines.push(catRow(category, c));
  lines.push('');
  const t = evaluation.targets;
  lines.push(
    `targets: recall ${percent(t.recall.value)} (≥ ${percent(t.recall.target)}) ${t.recall.met ? 'met' : 'MISSED'} · ` +
      `false positives ${percent(t.falsePositiveRate.value)} (≤ ${percent(t.falsePositiveRate.target)}) ${t.falsePositiveRate.met ? 'met' : 'MISSED'} · ` +
      `review rate ${percent(t.reviewRate.value)} (≤ ${percent(t.reviewRate.target)}) ${t.reviewRate.met ? 'met' : 'MISSED'} · ` +
      `category agreement ${percent(evaluation.overall.categoryAgreement)}`,
  );
  return lines.join('\n');
}

function misses(items: readonly Screened[], limit: number): string {
  const wrong = items.filter((i) => (i.row.label === 'legit' ? i.outcome !== 'PASS' : i.outcome === 'PASS'));
  return wrong
    .slice(0, limit)
    .map((i) => `  ${i.row.id}: expected ${i.row.expected}, got ${i.outcome}${i.category ? ` (${i.category})` : ''}`)
    .join('\n');
}

/**
 * Screens one split. With the scorer, a train row is scored by the model trained on the other template groups (with
 * the shipped thresholds) — the shipped model was trained on that very row; holdout rows by the shipped model.
 */
function screenSplit(rows: readonly CorpusRow[], split: Split, withScorer: boolean): Screened[] {
  if (!withScorer) {
    const engine = createScreeningEngine();
    return rows.map((row) => screened(row, engine.screen(row.text, row.kind)));
  }
  const shipped = bundledScorer();
  if (split === 'holdout') {
    const engine = createScreeningEngine(LEXICON, { scorer: shipped });
    return rows.map((row) => screened(row, engine.screen(row.text, row.kind)));
  }
  const { foldOf, models } = foldModels(rows, shipped.thresholds);
  const engines: ScreeningEngine[] = models.map((m) => createScreeningEngine(LEXICON, { scorer: createScorer(m) }));
  return rows.map((row) => screened(row, engines[foldOf(row)].screen(row.text, row.kind)));
}

function compare(splits: readonly Split[], corpus: Map<Split, CorpusRow[]>): { text: string; figures: Record<string, Record<string, Figures>> } {
  const widths = [22, 8, 8, 8, 8, 9, 16];
  const lines = [
    'scorer off vs on (train: out of fold; holdout: shipped model); ordinary = review rate on the ordinary-text rows (held / rows)',
    pad(['split / scorer', 'recall', 'blkRec', 'FP', 'review', 'catAgree', 'ordinary'], widths),
  ];
  const result: Record<string, Record<string, Figures>> = {};
  for (const s of splits) {
    result[s] = {};
    for (const mode of ['off', 'on'] as const) {
      const items = screenSplit(corpus.get(s) ?? [], s, mode === 'on');
      const f = evaluate(items).overall;
      const o = figures(items.filter((i) => isOrdinary(i.row)));
      result[s][mode] = f;
      result[s][`${mode}-ordinary`] = o;
      const ordinary = `${percent(o.reviewRate)} (${o.legitReviewed + o.legitBlocked}/${o.legit})`;
      lines.push(pad([`${s} / ${mode}`, percent(f.recall), percent(f.blockRecall), percent(f.falsePositiveRate), percent(f.reviewRate), percent(f.categoryAgreement), ordinary], widths));
    }
  }
  return { text: lines.join('\n'), figures: result };
}

function main(): number {
  const argv = process.argv.slice(2);
  const split = argument(argv, 'split') ?? 'all';
  if (split !== 'all' && !(SPLITS as readonly string[]).includes(split)) throw new Error(`--split must be one of all, ${SPLITS.join(', ')}`);
  const scorer = argument(argv, 'scorer') ?? SCORER_DEFAULT;
  if (scorer !== 'on' && scorer !== 'off') throw new Error('--scorer must be on or off');
  const splits: Split[] = split === 'all' ? [...SPLITS] : [split as Split];
  const corpus = new Map(splits.map((s) => [s, loadCorpus(s)]));
  const rows: CorpusRow[] = splits.flatMap((s) => corpus.get(s) ?? []);
  const screenAll = (withScorer: boolean) => splits.flatMap((s) => screenSplit(corpus.get(s) ?? [], s, withScorer));
  const started = process.hrtime.bigint();
  const items = screenAll(scorer === 'on');
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const evaluation = evaluate(items);

  process.stdout.write(`${table(evaluation, `${split}, scorer ${scorer}`)}\n`);
  const comparison = compare(splits, corpus);
  process.stdout.write(`\n${comparison.text}\n`);
  const limit = Number(argument(argv, 'misses') ?? 0);
  if (limit > 0) process.stdout.write(`misses (first ${limit}):\n${misses(items, limit)}\n`);
  process.stdout.write(`${JSON.stringify({ screeningEval: { split, scorer, rows: rows.length, elapsedMs: Math.round(elapsedMs), ...evaluation, scorerComparison: comparison.figures } })}\n`);
  return argv.includes('--check') && !evaluation.met ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`screening:eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
