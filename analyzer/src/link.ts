/**
 * Linking: numbers every file's functions and resolves every call's target (keys, from the file
 * summaries) to the ids of the functions it may reach. Between analyses of an edited model it
 * relinks only what changed.
 *
 * Owns: function ids and the calls' candidate lists. Must not: use the type checker or look at
 * locks; a file's functions and flows (summary.ts) are all it reads.
 */
import { DispatchLinker } from "./calls";
import type { CallEvent, FunctionBody, FunctionInfo, Site } from "./model";
import type { FileFunction, FileSummary } from "./summary";

export interface Linked {
  readonly functions: readonly FunctionInfo[];
  readonly bodies: readonly FunctionBody[];
  readonly calls: number;
  /** How many files were linked this time. */
  readonly linkedFiles: number;
  /**
   * When the numbering is the previous link's: the ids of the functions whose info and body were
   * replaced (the others are the same objects as before). Undefined after a full link.
   */
  readonly changedFunctions: number[] | undefined;
}

interface FileLink {
  readonly summary: FileSummary;
  /** Its functions' ids: first, first + 1, … */
  readonly first: number;
  readonly calls: number;
}

export class Linker {
  private files: FileLink[] = [];
  private functions: FunctionInfo[] = [];
  private bodies: FunctionBody[] = [];
  private dispatch: DispatchLinker | undefined;

  /**
   * Links the summaries (one per file, in a stable order). When the files are the same as last
   * time and every changed summary has the same function keys and flows as the one it replaces,
   * the ids and the dispatch closure are still valid: only the changed files' bodies are linked
   * again. Otherwise everything is.
   */
  link(summaries: readonly FileSummary[]): Linked {
    const changed = this.changedFiles(summaries);
    try {
      if (changed === undefined) this.relinkAll(summaries);
      else for (const i of changed) this.relinkFile(i, summaries[i]);
    } catch (error) {
      this.dispatch = undefined; // half linked: the next link starts afresh
      throw error;
    }
    const linkedFiles = changed?.length ?? summaries.length;
    const changedFunctions = changed?.flatMap((i) => this.files[i].summary.functions.map((_, k) => this.files[i].first + k));
    let calls = 0;
    for (const f of this.files) calls += f.calls;
    return { functions: this.functions, bodies: this.bodies, calls, linkedFiles, changedFunctions };
  }

  /** The indexes of the summaries that changed, or undefined when everything must be linked. */
  private changedFiles(summaries: readonly FileSummary[]): number[] | undefined {
    if (summaries.length !== this.files.length || this.dispatch === undefined) return undefined;
    const changed: number[] = [];
    for (let i = 0; i < summaries.length; i++) {
      const old = this.files[i].summary;
      if (old === summaries[i]) continue;
      if (old.sf.fileName !== summaries[i].sf.fileName || !sameInterface(old, summaries[i])) return undefined;
      changed.push(i);
    }
    // Copies, so that a result handed out earlier keeps describing its own analysis.
    if (changed.length > 0) {
      this.functions = [...this.functions];
      this.bodies = [...this.bodies];
    }
    return changed;
  }

  private relinkAll(summaries: readonly FileSummary[]): void {
    const byKey = new Map<string, number[]>();
    let next = 0;
    for (const s of summaries) {
      for (const f of s.functions) {
        let ids = byKey.get(f.key);
        if (!ids) byKey.set(f.key, (ids = []));
        ids.push(next++);
      }
    }
    this.dispatch = new DispatchLinker(byKey, summaries.map((s) => s.flows));
    this.functions = new Array<FunctionInfo>(next);
    this.bodies = new Array<FunctionBody>(next);
    this.files = [];
    let first = 0;
    for (const s of summaries) {
      this.files.push(this.linkFile(s, first));
      first += s.functions.length;
    }
  }

  private relinkFile(index: number, summary: FileSummary): void {
    this.files[index] = this.linkFile(summary, this.files[index].first);
  }

  private linkFile(summary: FileSummary, first: number): FileLink {
    let calls = 0;
    summary.functions.forEach((f, i) => {
      const id = first + i;
      this.functions[id] = functionInfo(id, f);
      const events: CallEvent[] = [];
      const unresolved: Site[] = [...f.walk.unresolved];
      calls += f.walk.callCount;
      for (const c of f.walk.calls) {
        const callees = this.dispatch!.resolve(c.target);
        if (callees.length === 0) unresolved.push(c.site);
        else events.push({ site: c.site, callees, held: c.held, ...(c.irq !== undefined ? { irq: c.irq } : {}), ...(c.afterUnknownLock ? { afterUnknownLock: true } : {}) });
      }
      unresolved.sort((a, b) => a.start - b.start);
      this.bodies[id] = { acquisitions: f.walk.acquisitions, calls: events, heldAtExit: f.walk.heldAtExit, unresolved, enables: f.walk.enables };
    });
    return { summary, first, calls };
  }
}

function functionInfo(id: number, f: FileFunction): FunctionInfo {
  return { id, name: f.name, node: f.node, nameSite: f.nameSite, annotations: f.annotations, callable: f.callable };
}

/** Whether two summaries of a file declare the same functions (by key, in order) and flows. */
function sameInterface(a: FileSummary, b: FileSummary): boolean {
  return a.functions.length === b.functions.length && a.functions.every((f, i) => f.key === b.functions[i].key) && interfaceOf(a) === interfaceOf(b);
}

const interfaces = new WeakMap<FileSummary, string>();

function interfaceOf(s: FileSummary): string {
  let text = interfaces.get(s);
  if (text === undefined) interfaces.set(s, (text = JSON.stringify(s.flows)));
  return text;
}
