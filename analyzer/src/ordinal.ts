/**
 * The one order of strings that every sort of the analysis, its outputs and the server uses:
 * ordinal, by UTF-16 code units, as `<` compares. Results are then the same on every machine and
 * in every run, whatever the locale, and no collator is loaded (30-40 ms on a cold start).
 *
 * Owns: that comparison. Must not: use localeCompare, Intl or anything that depends on the locale.
 */

/** -1, 0 or 1 as `a` sorts before, with or after `b` (for `Array.prototype.sort`). */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
