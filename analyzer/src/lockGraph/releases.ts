/**
 * What a function may acquire while a lock its caller holds is still held
 * (docs/annotations.md#call-effects): a function that releases that lock (`@releases`, or a
 * contract-holder that calls one) orders nothing it acquires after the release, as lockdep records
 * no such dependency. KVM's `kvm_swap_active_memslots` drops `slots_arch_lock` before
 * `synchronize_srcu_expedited`, and its callers up the hand-off chain must not get an edge from
 * `slots_arch_lock` into the SRCU domain.
 *
 * Owns: per (function, lock it is entered holding and may release), the bitset of the keys it may
 * acquire while that entry hold lasts. Only functions that can release such a lock have one; for
 * every other function the answer is its whole may-acquire set (closure.ts).
 * Must not: create edges or look at syntax. No recursive walks; linear in the bodies of the
 * functions concerned.
 */
import { stronglyConnectedComponents } from "../graph";
import type { FunctionBody, FunctionInfo, HeldEntry } from "../model";
import { keyOf, kindOf } from "./acquireKeys";

/** Per function, per lock held at its entry that it may release: the keys it may acquire before the release. */
export type HeldThroughSets = ReadonlyMap<number, ReadonlyMap<number, Uint32Array>>;

/** What the computation reads of the closure: the bitset width and each function's may-acquire set. */
export interface ClosureBits {
  readonly words: number;
  mayAcquireBits(f: number): Uint32Array;
}

/**
 * The sets of every function that may release a lock held at its entry: for each such lock, the
 * functions that release it (`@releases`) and, backwards through calls made while their own entry
 * hold lasts, the functions entered holding it (`@requires`, `@releases`) that call them.
 */
export function heldThroughSets(
  functions: readonly FunctionInfo[],
  bodies: readonly FunctionBody[],
  callers: readonly (readonly number[] | undefined)[],
  closure: ClosureBits,
): HeldThroughSets {
  const releasers = new Map<number, number[]>();
  functions.forEach((fn, f) => {
    for (const use of fn.annotations.releases) {
      const list = releasers.get(use.lock);
      if (!list) releasers.set(use.lock, [f]);
      else if (!list.includes(f)) list.push(f);
    }
  });
  const out = new Map<number, Map<number, Uint32Array>>();
  for (const [lock, start] of releasers) {
    const sets = setsForLock(lock, start, functions, bodies, callers, closure);
    for (const [f, bits] of sets) {
      let perLock = out.get(f);
      if (!perLock) out.set(f, (perLock = new Map()));
      perLock.set(lock, bits);
    }
  }
  return out;
}

/** Whether two results hold the same sets for a function. */
export function sameHeldThrough(a: HeldThroughSets, b: HeldThroughSets, f: number): boolean {
  const x = a.get(f);
  const y = b.get(f);
  if (!x || !y) return x === y;
  if (x.size !== y.size) return false;
  for (const [lock, bits] of x) {
    const other = y.get(lock);
    if (!other || other.length !== bits.length || bits.some((w, i) => w !== other[i])) return false;
  }
  return true;
}

/**
 * For a function entered holding `lock` (`@releases`, `@requires`): whether a held set inside it
 * still has that entry hold, not a later re-acquisition. Undefined when it is not entered holding it.
 */
export function lastsEntryHold(fn: FunctionInfo, lock: number): ((held: readonly HeldEntry[]) => boolean) | undefined {
  const site = (fn.annotations.releases.find((u) => u.lock === lock) ?? fn.annotations.requires.find((u) => u.lock === lock))?.site;
  if (!site) return undefined;
  return (held) => held.some((e) => e.lock === lock && e.site.sf === site.sf && e.site.start === site.start && e.site.end === site.end);
}

function setsForLock(
  lock: number,
  releasers: readonly number[],
  functions: readonly FunctionInfo[],
  bodies: readonly FunctionBody[],
  callers: readonly (readonly number[] | undefined)[],
  closure: ClosureBits,
): Map<number, Uint32Array> {
  const n = functions.length;
  // The functions concerned: the releasers, and backwards the holders of an entry hold of `lock`
  // that call one of them (through a dispatch node too) while that hold lasts.
  const lasts = new Map<number, (held: readonly HeldEntry[]) => boolean>();
  const members: number[] = [];
  const admit = (f: number) => {
    if (lasts.has(f)) return;
    const test = lastsEntryHold(functions[f], lock);
    if (!test) return;
    lasts.set(f, test);
    members.push(f);
  };
  for (const f of releasers) admit(f);
  for (let head = 0; head < members.length; head++) {
    const g = members[head];
    for (const c of callers[g] ?? []) {
      if (c < n) admit(c);
      else for (const d of callers[c] ?? []) admit(d);
    }
  }
  const index = new Map(members.map((f, i) => [f, i]));
  // Calls made while the entry hold lasts, to other functions concerned: the successors.
  const heldCalls = members.map((f) => bodies[f].calls.filter((c) => lasts.get(f)!(c.held)));
  const successors = (i: number) => {
    const out: number[] = [];
    for (const c of heldCalls[i]) for (const g of c.callees) if (index.has(g)) out.push(index.get(g)!);
    return out;
  };
  const { component, count } = stronglyConnectedComponents(members.length, successors);
  const byComponent: number[][] = Array.from({ length: count }, () => []);
  members.forEach((_, i) => byComponent[component[i]].push(i));
  const W = closure.words;
  const sets = new Map<number, Uint32Array>();
  // Sinks first, so every successor outside a component is done; a component shares one set.
  for (const group of byComponent) {
    const union = new Uint32Array(W);
    for (const i of group) {
      const f = members[i];
      for (const a of bodies[f].acquisitions) {
        if (!lasts.get(f)!(a.held)) continue;
        const key = keyOf(a.use.lock, kindOf(a.use, a.how));
        union[key >> 5] |= 1 << (key & 31);
      }
      for (const c of heldCalls[i]) {
        for (const g of c.callees) {
          const bits = sets.get(g) ?? (index.has(g) ? undefined : closure.mayAcquireBits(g));
          if (bits) for (let w = 0; w < W; w++) union[w] |= bits[w];
        }
      }
    }
    for (const i of group) sets.set(members[i], union);
  }
  return sets;
}
