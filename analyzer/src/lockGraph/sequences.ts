/**
 * The order in which a function takes its locks (docs/annotations.md#lock-sets): the first
 * acquisition of each lock, directly or through its calls, in the order of the body's source (an
 * annotation's acquisition first, as it happens on entry); a call contributes what each of its
 * candidates takes, in that candidate's own order. Hovers, code lenses, `lockorder doc` and the
 * JSON output's `acquires` and `mayAcquire` all show this order, and only this one.
 *
 * Owns: that order, computed on first use and kept for the graph's life: the functions a query
 * reaches and whose order is not known yet are taken by strongly connected components of the call
 * graph, callees first, so each function is expanded once; inside a recursive component, each
 * member walks the component from its own entry (the order depends on where one enters).
 * Must not: look at syntax, create edges or report anything, or decide what a function may acquire
 * (closure.ts does: a callee that may acquire nothing is not looked into). No recursive walks.
 */
import { stronglyConnectedComponents } from "../graph";
import type { FunctionBody } from "../model";

export class LockSequences {
  /**
   * Per function, its locks in the order it takes them, once known. Orders are shared: a function
   * that takes nothing beyond what its first callee takes (most callers of a hub) holds that
   * callee's very array, so memory follows the distinct orders, not functions × locks.
   */
  private readonly known: (readonly number[] | undefined)[];
  /** Per function being solved, its steps in source order: a lock id (≥ 0) or a callee `g` as `-(g + 1)`. */
  private stepsOf = new Map<number, Int32Array>();
  /** Which locks the order being expanded has taken: the stamp of that expansion (no set per function). */
  private taken = new Int32Array(0);
  private stamp = 0;

  /** `acquiresAny(g)`: whether g may acquire any lock, directly or through calls. */
  constructor(
    private readonly bodies: readonly FunctionBody[],
    private readonly acquiresAny: (f: number) => boolean,
  ) {
    this.known = new Array(bodies.length);
  }

  /** The locks `f` takes, directly or through its calls, each once, in the order it takes them. */
  of(f: number): readonly number[] {
    if (!this.known[f]) this.solve(f);
    return this.known[f]!;
  }

  /** The locks `f` takes itself (its acquisitions and its annotations'), each once, in that order. */
  direct(f: number): number[] {
    const out = new Set<number>();
    for (const s of this.steps(f)) if (s >= 0) out.add(s);
    return [...out];
  }

  /**
   * A function's acquisitions and calls merged in source order (each list is in the order the
   * walk met them; a loop walked twice repeats them, which the merge keeps and expansion ignores).
   */
  private steps(f: number): Int32Array {
    let steps = this.stepsOf.get(f);
    if (steps) return steps;
    const { acquisitions, calls } = this.bodies[f];
    // Events by position, acquisitions before calls at the same one (index i < acquisitions.length: an acquisition).
    const a = acquisitions.length;
    const at = (i: number) => (i < a ? acquisitions[i].use.site.start : calls[i - a].site.start);
    const events = Array.from({ length: a + calls.length }, (_, i) => i).sort((x, y) => at(x) - at(y) || x - y);
    const out: number[] = [];
    for (const i of events) {
      if (i < a) out.push(acquisitions[i].use.lock);
      else for (const g of calls[i - a].callees) out.push(-(g + 1));
    }
    this.stepsOf.set(f, (steps = Int32Array.from(out)));
    return steps;
  }

  /**
   * Finds the order of `root` and of every function it reaches whose order is not known, by
   * strongly connected components of that part of the call graph, callees first.
   */
  private solve(root: number): void {
    const nodes = [root];
    const local = new Map<number, number>([[root, 0]]);
    const callees = (f: number) => {
      const out: number[] = [];
      for (const s of this.steps(f)) {
        if (s >= 0) continue;
        const g = -s - 1;
        if (!this.known[g] && this.acquiresAny(g)) out.push(g);
      }
      return out;
    };
    for (let head = 0; head < nodes.length; head++) {
      for (const g of callees(nodes[head])) {
        if (local.has(g)) continue;
        local.set(g, nodes.length);
        nodes.push(g);
      }
    }
    const { component, count } = stronglyConnectedComponents(nodes.length, (i) => callees(nodes[i]).map((g) => local.get(g)!));
    const byComponent: number[][] = Array.from({ length: count }, () => []);
    nodes.forEach((f, i) => byComponent[component[i]].push(f));
    // Tarjan numbers components callees first: every callee outside a component is known before it.
    byComponent.forEach((members, c) => {
      const inside = (g: number) => local.has(g) && component[local.get(g)!] === c;
      const orders = members.map((f) => this.expand(f, inside));
      members.forEach((f, i) => (this.known[f] = orders[i]));
    });
    // Steps are needed again only for functions not solved yet.
    this.stepsOf = new Map();
  }

  /**
   * `f`'s order: its steps in turn, a callee's known order merged in, a callee of f's own
   * component walked into (once: recursion adds nothing new).
   */
  private expand(f: number, inside: (g: number) => boolean): readonly number[] {
    // The order taken whole while nothing was taken before it (a caller's first callee, often a
    // hub that takes hundreds of locks): adopted as it is, not copied lock by lock; its locks are
    // told by its membership array. What is taken after it follows it.
    let first: readonly number[] | undefined;
    let inFirst: Uint8Array | undefined;
    const added: number[] = [];
    const stamp = ++this.stamp;
    const take = (lock: number) => {
      if (inFirst && lock < inFirst.length && inFirst[lock] === 1) return;
      if (lock >= this.taken.length) {
        const grown = new Int32Array(Math.max(lock + 1, this.taken.length * 2));
        grown.set(this.taken);
        this.taken = grown;
      }
      if (this.taken[lock] === stamp) return;
      this.taken[lock] = stamp;
      added.push(lock);
    };
    const visited = new Set<number>([f]);
    const stack = [{ steps: this.steps(f), i: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i === top.steps.length) {
        stack.pop();
        continue;
      }
      const s = top.steps[top.i++];
      if (s >= 0) {
        take(s);
        continue;
      }
      const g = -s - 1;
      if (visited.has(g)) continue;
      visited.add(g);
      if (inside(g)) stack.push({ steps: this.steps(g), i: 0 });
      else {
        const order = this.known[g] ?? [];
        if (first === undefined && added.length === 0 && order.length > 0) {
          first = order;
          inFirst = this.membership(order);
        } else for (const lock of order) take(lock);
      }
    }
    if (!first) return added;
    return added.length === 0 ? first : [...first, ...added];
  }

  /** Which locks an order holds, by lock id (made once per order adopted whole, shared like the order). */
  private membership(order: readonly number[]): Uint8Array {
    let set = this.members.get(order);
    if (!set) {
      let max = 0;
      for (const lock of order) if (lock > max) max = lock;
      set = new Uint8Array(max + 1);
      for (const lock of order) set[lock] = 1;
      this.members.set(order, set);
    }
    return set;
  }

  private readonly members = new WeakMap<readonly number[], Uint8Array>();
}
