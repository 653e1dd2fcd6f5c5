/**
 * Lists of the analysis result that are built when first read (`result.functions`: every
 * function's lock sets), which the writers can also take one record at a time (output/json.ts), so
 * that writing a list of any length needs memory for one record, never for the whole list.
 *
 * Owns: defining such a property, and handing a writer its records: the list if it was read
 * already (it is built once), otherwise a fresh pass that builds each record as it is asked for and
 * keeps none.
 * Must not: know what a record holds or how it is built (analyze.ts does), or import anything.
 */

type ItemOf<L> = L extends readonly (infer T)[] ? T : never;

/** Per result, its lists that can be taken one record at a time: the pass over each. */
const passes = new WeakMap<object, Map<PropertyKey, () => Iterable<unknown>>>();

/**
 * Defines `target[key]` as an enumerable list built on first read from `records` (a generator of
 * its records, in order), and registers `records` for recordsOf.
 */
export function lazyList<T extends object, K extends keyof T>(target: T, key: K, records: () => Iterable<ItemOf<T[K]>>): void {
  let list: T[K] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (list ??= [...records()] as T[K]),
  });
  let lists = passes.get(target);
  if (!lists) passes.set(target, (lists = new Map()));
  lists.set(key, () => (list as Iterable<unknown> | undefined) ?? records());
}

/**
 * The records of `target[key]` in order: one at a time if it was defined by lazyList and not read
 * yet (nothing is kept), otherwise the list itself.
 */
export function recordsOf<T extends object, K extends keyof T>(target: T, key: K): Iterable<ItemOf<T[K]>> {
  const pass = passes.get(target)?.get(key);
  return (pass ? pass() : target[key]) as Iterable<ItemOf<T[K]>>;
}
