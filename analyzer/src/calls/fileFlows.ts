/**
 * A file's flows of function values, target key ← source keys, as the index records them, and
 * what of them leaves the file (FileFlows): only flows into what other files can reach, with the
 * file's locals (variables of function bodies, parameters of synchronous callbacks) replaced by
 * what flows into them. No other file can name a local, so flows between a body's own locals stay
 * out of the file's summary and an edit of them does not change what the file says to others.
 * Also what flows into a key through the flows (forEachSource), which the link-time closure
 * shares.
 *
 * Owns: FileFlows, FlowTable (the recorded flows and untyped members, which keys are locals,
 * closing them), forEachSource. Must not: use the type checker, follow expressions (it is given
 * keys and declarations) or look at locks.
 */
import { ts } from "@ts-morph/common";
import { isFunctionNode, isSynchronousCallback } from "../functions";
import { declKey, projectionSplits, unprojected, withProjections } from "../keys";
import { directFunction } from "./callable";

/** One file's contribution to the dispatch index. */
export interface FileFlows {
  /** Target declaration key ← source keys. */
  readonly flows: [string, string[]][];
  /** Object-literal members with no declared property to flow into: name ← source keys. */
  readonly untyped: [string, string[]][];
}

export class FlowTable {
  private readonly flows = new Map<string, Set<string>>();
  private readonly untyped = new Map<string, Set<string>>();
  /** The keys of the locals of function bodies met, and of those holding a function of their own. */
  private readonly locals = new Set<string>();
  private readonly localFunctions = new Set<string>();
  /** closeLocals of each key asked. */
  private readonly closed = new Map<string, string[]>();

  /** The sources flow into the target. */
  addFlow(target: string, sources: readonly string[]): void {
    add(this.flows, target, sources);
  }

  /** An object-literal member with no declared property to flow into: the sources flow into its name. */
  addUntyped(name: string, sources: readonly string[]): void {
    add(this.untyped, name, sources);
  }

  /** A declaration's key; a local's is remembered (see isLocal). */
  keyOf(decl: ts.Node): string {
    const key = declKey(decl);
    if (isLocalDeclaration(decl)) {
      this.locals.add(key);
      if (ts.isVariableDeclaration(decl) && directFunction(decl)) this.localFunctions.add(key);
    }
    return key;
  }

  /**
   * Keys with the file's locals replaced by what flows into them, in this file. A local holding a
   * function of its own (`const f = () => …`) stays, as the function's key.
   */
  closeLocals(keys: readonly string[]): string[] {
    if (!keys.some((k) => this.isLocal(k))) return [...keys];
    const out = new Set<string>();
    for (const key of keys) {
      let closed = this.closed.get(key);
      if (!closed) this.closed.set(key, (closed = this.closeLocal(key)));
      for (const k of closed) out.add(k);
    }
    return [...out];
  }

  /** What leaves the file: the flows into what other files can reach, and the untyped members, closed over the file's locals. */
  fileFlows(): FileFlows {
    const flows: [string, string[]][] = [];
    for (const [target, sources] of this.flows) {
      if (this.isLocal(target)) continue;
      const closed = this.closeLocals([...sources]);
      if (closed.length > 0) flows.push([target, closed]);
    }
    return { flows, untyped: [...this.untyped].map(([k, v]) => [k, this.closeLocals([...v])]) };
  }

  /** Whether a key (or the key it projects) is a local of a function body of this file. */
  private isLocal(key: string): boolean {
    return this.locals.size > 0 && this.locals.has(unprojected(key));
  }

  private closeLocal(key: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const pending = [key];
    while (pending.length > 0) {
      const k = pending.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      if (!this.isLocal(k) || this.localFunctions.has(k)) out.push(k);
      if (!this.isLocal(k)) continue;
      forEachSource(this.flows, k, (s) => pending.push(s));
    }
    return out;
  }
}

/**
 * Visits what flows into a key: its sources, then, for a projected key (`k()`, `k[]`), what the
 * sources of the key it projects return or contain.
 */
export function forEachSource(flows: ReadonlyMap<string, Iterable<string>>, key: string, visit: (source: string) => void): void {
  for (const s of flows.get(key) ?? []) visit(s);
  for (const [base, suffix] of projectionSplits(key)) {
    for (const s of flows.get(base) ?? []) {
      const p = withProjections(s, suffix);
      if (p !== undefined) visit(p);
    }
  }
}

function add(map: Map<string, Set<string>>, target: string, sources: readonly string[]): void {
  if (sources.length === 0) return;
  let set = map.get(target);
  if (!set) map.set(target, (set = new Set()));
  for (const s of sources) set.add(s);
}

/**
 * Whether a declaration is a local of a function body: a variable, or a parameter of a synchronous
 * callback (no value of another file can reach either).
 */
function isLocalDeclaration(decl: ts.Node): boolean {
  if (ts.isParameter(decl)) return isSynchronousCallback(decl.parent);
  if (!ts.isVariableDeclaration(decl) && !ts.isBindingElement(decl)) return false;
  for (let p: ts.Node = decl.parent; !ts.isSourceFile(p); p = p.parent) if (isFunctionNode(p)) return true;
  return false;
}
