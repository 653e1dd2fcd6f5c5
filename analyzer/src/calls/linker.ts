/**
 * Link-time dispatch: from a call's target to every function it may reach, through the closure of
 * all files' flows (and, for a call by member name whose keys name no function, the untyped
 * object-literal members of that name). Memoised per target. No type checker, no syntax: the
 * files' flows are keys.
 *
 * Owns: DispatchLinker. Must not: use the type checker or look at syntax or locks.
 */
import type { CallTarget } from "../model";
import { forEachSource, type FileFlows } from "./fileFlows";

export class DispatchLinker {
  private readonly flows = new Map<string, string[]>();
  private readonly untyped = new Map<string, string[]>();
  private readonly memo = new Map<string, number[]>();

  constructor(
    private readonly functionsByKey: ReadonlyMap<string, readonly number[]>,
    contributions: Iterable<FileFlows>,
  ) {
    const merge = (map: Map<string, string[]>, entries: readonly [string, string[]][]) => {
      for (const [k, v] of entries) {
        const list = map.get(k);
        if (list) list.push(...v);
        else map.set(k, [...v]);
      }
    };
    for (const c of contributions) {
      merge(this.flows, c.flows);
      merge(this.untyped, c.untyped);
    }
  }

  resolve(target: CallTarget): number[] {
    const memoKey = `${target.exact ? "=" : ""}${target.name ?? ""}|${target.keys.join("|")}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    const out = new Set<number>();
    const seen = new Set<string>();
    const starts = [...target.keys];
    if (!target.exact && target.name !== undefined && !target.keys.some((k) => this.functionsByKey.has(k))) {
      starts.push(...(this.untyped.get(target.name) ?? []));
    }
    const pending = starts;
    while (pending.length > 0) {
      const k = pending.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const id of this.functionsByKey.get(k) ?? []) out.add(id);
      if (target.exact) continue;
      // `k()` and `k[]` also hold what the values flowing into k return or contain.
      forEachSource(this.flows, k, (s) => pending.push(s));
    }
    const ids = [...out].sort((a, b) => a - b);
    this.memo.set(memoKey, ids);
    return ids;
  }
}
