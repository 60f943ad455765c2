import { HOMOGLYPHS, LATIN_DIGITS, NUMERALS, TENS, TRADITIONAL_TO_SIMPLIFIED } from './char-maps';

/**
 * Text folded into the form the lexicon is matched against. Each folded code point remembers where in the
 * input it came from, so a match reports an index into the original text.
 */
export interface NormalisedText {
  readonly codePoints: readonly number[];
  /** UTF-16 index in the input of the character each folded code point came from. */
  readonly sources: readonly number[];
}

const DROP = -1;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const MARK = /\p{M}/u;
const LOWER_L = 0x6c;
const LOWER_I = 0x69;

// Characters outside the two fast paths (ASCII, CJK unified ideographs) are folded once and remembered.
const slowCache = new Map<number, number | number[]>();

/**
 * Folds a text so simple evasions collapse onto the lexicon's spelling, in one linear pass:
 * compatibility decomposition (full-width → half-width, circled digits, ligatures) with diacritics dropped,
 * case folding, look-alike letters from other scripts, traditional → simplified, Chinese numerals → digits,
 * and removal of everything that is not a letter or a digit (spaces, punctuation, symbols, zero-width characters),
 * so characters split apart by inserted separators become adjacent again. `l` folds onto `i` (and so does a `1`
 * inside a Latin word) because the three are interchangeable to a reader.
 */
export function normalise(text: string): NormalisedText {
  const codePoints: number[] = [];
  const sources: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const folded = fold(cp);
    if (typeof folded === 'number') {
      if (folded !== DROP) {
        codePoints.push(folded);
        sources.push(i);
      }
    } else {
      for (const f of folded) {
        codePoints.push(f);
        sources.push(i);
      }
    }
    i += cp > 0xffff ? 2 : 1;
  }
  foldLatinDigits(codePoints);
  return sawTen(codePoints) ? readTens(codePoints, sources) : { codePoints, sources };
}

const isDigit = (cp: number | undefined): boolean => cp !== undefined && cp >= 0x30 && cp <= 0x39;
const PICK_UP = 0x62fe; // 拾: the financial ten, but also "pick up"; read as ten only next to a numeral.

function sawTen(codePoints: readonly number[]): boolean {
  for (let i = 0; i < codePoints.length; i++) if (TENS.has(codePoints[i])) return true;
  return false;
}

/**
 * 十 (and 拾 beside a numeral) read by position, as in a spelled-out number: 三十五 → 35, 十五 → 15, 三十 → 30,
 * 十 → 10. Every digit produced keeps the source index of the 十 it came from.
 */
function readTens(codePoints: readonly number[], sources: readonly number[]): NormalisedText {
  const outPoints: number[] = [];
  const outSources: number[] = [];
  for (let i = 0; i < codePoints.length; i++) {
    const cp = codePoints[i];
    const before = isDigit(codePoints[i - 1]);
    const after = isDigit(codePoints[i + 1]);
    if (!TENS.has(cp) || (cp === PICK_UP && !before && !after)) {
      outPoints.push(cp);
      outSources.push(sources[i]);
      continue;
    }
    if (before && after) continue; // 三十五: the tens digit is already there
    if (!before) {
      outPoints.push(0x31);
      outSources.push(sources[i]);
    }
    if (!after) {
      outPoints.push(0x30);
      outSources.push(sources[i]);
    }
  }
  return { codePoints: outPoints, sources: outSources };
}

/** The folded form as a string (for tests and for folding lexicon terms). */
export function normaliseToString(text: string): string {
  return String.fromCodePoint(...normalise(text).codePoints);
}

function fold(cp: number): number | number[] {
  if (cp < 0x80) return foldAscii(cp);
  if (cp >= 0x4e00 && cp <= 0x9fff) return foldHan(cp);
  let cached = slowCache.get(cp);
  if (cached === undefined) {
    cached = foldSlow(cp);
    slowCache.set(cp, cached);
  }
  return cached;
}

function foldAscii(cp: number): number {
  if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
  if (cp >= 0x61 && cp <= 0x7a) return cp === LOWER_L ? LOWER_I : cp;
  if (cp >= 0x30 && cp <= 0x39) return cp;
  return DROP;
}

function foldHan(cp: number): number {
  const simplified = TRADITIONAL_TO_SIMPLIFIED.get(cp) ?? cp;
  return NUMERALS.get(simplified) ?? simplified;
}

function foldSlow(cp: number): number | number[] {
  const out: number[] = [];
  // NFKD rather than NFKC so accents come apart from their letters and can be dropped (cásino → casino).
  for (const ch of String.fromCodePoint(cp).normalize('NFKD').toLowerCase()) {
    if (MARK.test(ch)) continue;
    let c = ch.codePointAt(0) ?? 0;
    c = HOMOGLYPHS.get(c) ?? c;
    if (c < 0x80) c = foldAscii(c);
    else if (c >= 0x4e00 && c <= 0x9fff) c = foldHan(c);
    else c = NUMERALS.get(c) ?? TRADITIONAL_TO_SIMPLIFIED.get(c) ?? (LETTER_OR_NUMBER.test(String.fromCodePoint(c)) ? c : DROP);
    if (c !== DROP) out.push(c);
  }
  if (out.length === 0) return DROP;
  return out.length === 1 ? out[0] : out;
}

const isLatinLetter = (cp: number | undefined): boolean => cp !== undefined && cp >= 0x61 && cp <= 0x7a;

/**
 * A digit touching a Latin letter reads as the letter it resembles (c4sino, p0rn). Digits elsewhere — verification
 * codes, amounts, dates — stay digits.
 */
function foldLatinDigits(codePoints: number[]): void {
  // Neighbours are judged on the unfolded sequence so a run of digits after a letter does not fold in cascade.
  let previous: number | undefined;
  for (let i = 0; i < codePoints.length; i++) {
    const current = codePoints[i];
    const letter = LATIN_DIGITS.get(current);
    if (letter !== undefined && (isLatinLetter(previous) || isLatinLetter(codePoints[i + 1]))) codePoints[i] = letter;
    previous = current;
  }
}
