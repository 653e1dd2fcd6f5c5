/**
 * The flow-sensitive walk of one function body (docs/annotations.md#control-flow), in the manner
 * of Clang's thread safety analysis: the held set (heldSet.ts) carried through every statement and
 * expression form, with joins, loops, early exits, `finally`, guards, trylock results, calls and
 * synchronous callbacks; the primitives (primitives.ts) and the guarded fields (guardedFields.ts)
 * are applied where the walk meets them.
 *
 * Owns: the order of evaluation and control flow; the nesting bound (MAX_NESTING); the function's
 * calls (with the held set and the interrupt state at each) and what it leaves held; the
 * diagnostics of the walk itself: lock-held-at-exit, inconsistent-lock-state (of locks and of the
 * interrupt state), analysis-incomplete for nesting.
 * Must not: look into callees' bodies (only their annotations) or build the lock graph; the
 * interprocedural phase (graph.ts, analyze.ts) combines the events of all functions.
 *
 * The walk is a structured abstract interpretation over the syntax tree: each statement maps an
 * incoming state to an outgoing one (null when unreachable) and records abrupt completions
 * (break, continue, return, throw) as jumps that the enclosing constructs consume.
 */
import { ts } from "@ts-morph/common";
import { messages } from "../diagnostics";
import { isSynchronousCallback, type FunctionNode } from "../functions";
import { lockorderExport } from "../imports";
import { MAX_NESTING } from "../limits";
import { ON } from "../irqState";
import type { AcquireEvent, Annotations, FileCall, FunctionInfo, HeldEntry, IrqEnableEvent, IrqKind, LockUse, Site } from "../model";
import { forEachDescendant, siteOf, skipOuter } from "../tree";
import { symbolAt } from "../names";
import { comparisonWithBoolean, constantTruth, factOf, trylockInside } from "./conditions";
import { acquiredHere, callSite, type FlowContext, type ResolvedCall } from "./context";
import { checkAccess, checkDestructuring, writtenProperty, type Access } from "./guardedFields";
import { assume, changedAround, entryState, irqChangedAround, irqCodeOf, isState, join, releaseScope, stateKey, withFact, withoutFact, withoutFacts, type Fact, type Flow, type State } from "./heldSet";
import { Primitives, type Walk } from "./primitives";

interface Jump {
  readonly kind: "break" | "continue" | "return" | "throw";
  readonly target?: ts.Node;
  state: State;
}

/** The paths on which a condition is true and those on which it is false, not yet joined. */
interface Branches {
  readonly t: readonly State[];
  readonly f: readonly State[];
}

const NEVER: Branches = { t: [], f: [] };

/** A function's walk, as its file's summary keeps it: calls still name their targets. */
export interface WalkedFunction {
  readonly acquisitions: AcquireEvent[];
  readonly calls: FileCall[];
  /** Locks the function leaves held for its caller (beyond `requires`). */
  readonly heldAtExit: number[];
  /** False when the body has no primitives and no calls that change the held set (a summary). */
  readonly hasLockEffects: boolean;
  /** Calls made, and the sites of those that name nothing at all (unresolved: no lock effect). */
  readonly callCount: number;
  readonly unresolved: Site[];
  /** Where it turns interrupts on with locks held. */
  readonly enables: IrqEnableEvent[];
}

export function walkFunction(ctx: FlowContext, fn: FunctionInfo): WalkedFunction {
  return new Walker(ctx, fn).run();
}

class Walker implements Walk {
  private jumps: Jump[] = [];
  /** Locks (and interrupts) found inconsistent at the last join, reported at the next statement. */
  private pending: HeldEntry[] = [];
  private pendingIrq: IrqKind[] = [];
  private readonly scopes: number[] = [];
  private nextScope = 1;
  private readonly callEvents: FileCall[] = [];
  private callCount = 0;
  private readonly unresolved: Site[] = [];
  /** How many statements and expressions enclose the one being walked (see MAX_NESTING). */
  private depth = 0;
  /** Whether analysis-incomplete was reported for nesting. */
  private tooDeep = false;
  private readonly primitives: Primitives;

  constructor(
    private readonly ctx: FlowContext,
    private readonly fn: FunctionInfo,
  ) {
    this.primitives = new Primitives(ctx, fn, this);
  }

  run(): WalkedFunction {
    const ann = this.fn.annotations;
    let st: State = entryState();
    for (const use of [...ann.requires, ...ann.releases]) st = this.primitives.hold(st, use);
    for (const use of ann.acquires) st = this.primitives.acquire(st, use, "block").state;
    for (const use of ann.tryAcquires) st = this.primitives.hold(this.primitives.acquire(st, use, "try").state, use);
    const entry = st;
    const exits = ann.noLockAnalysis ? [] : this.walkBody(entry);
    const summary = ann.noLockAnalysis || !this.primitives.hasLockEffects;
    if (summary) {
      // A summary's @returnsHolding(A, B) stands for the acquisitions themselves: A, then B
      // while holding A, as with @acquires.
      let held = entry;
      for (const use of ann.returnsHolding) held = this.primitives.acquire(held, use, "block").state;
    }
    const declared = new Set([...ann.requires, ...ann.acquires, ...ann.tryAcquires, ...ann.returnsHolding].map((u) => u.lock));
    const released = new Set(ann.releases.map((u) => u.lock));
    if (this.fn.callable && !summary) this.checkExits(exits, declared);
    const heldAtExit = summary
      ? ann.returnsHolding.map((u) => u.lock)
      : unique(exits.flatMap((s) => s.held.map((e) => e.lock)).filter((l) => !declared.has(l) || ann.returnsHolding.some((u) => u.lock === l)))
          .filter((l) => !released.has(l) && !ann.requires.some((u) => u.lock === l));
    return {
      acquisitions: this.primitives.acquisitions,
      calls: this.callEvents,
      heldAtExit,
      hasLockEffects: !summary,
      callCount: this.callCount,
      unresolved: this.unresolved,
      enables: this.primitives.enables,
    };
  }

  private walkBody(entry: State): State[] {
    const node = this.fn.node;
    if (ts.isSourceFile(node)) {
      const end = this.walkScoped(node.statements, entry, { sf: node, start: node.end, end: node.end });
      return end ? [end] : [];
    }
    const body = (node as FunctionNode).body;
    if (!body) return [];
    return this.walkFunctionLike(body, entry);
  }

  /** Walks a function body; returns the states at its normal exits (throws are not checked). */
  private walkFunctionLike(body: ts.ConciseBody, entry: State): State[] {
    const savedJumps = this.jumps;
    const savedPending = this.pending;
    const savedPendingIrq = this.pendingIrq;
    this.jumps = [];
    this.pending = [];
    this.pendingIrq = [];
    let end: Flow;
    if (ts.isBlock(body)) end = this.walkBlock(body, entry);
    else end = this.walkExpr(body, entry);
    const exits = [end, ...this.jumps.filter((j) => j.kind === "return").map((j) => j.state)].filter(isState);
    this.jumps = savedJumps;
    this.pending = savedPending;
    this.pendingIrq = savedPendingIrq;
    return exits;
  }

  private checkExits(exits: readonly State[], allowed: ReadonlySet<number>, site = this.fn.nameSite): void {
    if (this.primitives.unknownLock) return;
    const reported = new Set<number>();
    for (const s of exits) {
      for (const e of s.held) {
        if (allowed.has(e.lock) || reported.has(e.lock)) continue;
        reported.add(e.lock);
        this.ctx.sink.add(site, { code: "lock-held-at-exit", lock: this.ctx.locks.byId(e.lock) }, [acquiredHere(e)]);
      }
    }
  }

  private joinReporting(states: readonly Flow[]): Flow {
    const { state, inconsistent, irq } = join(states);
    for (const e of inconsistent) if (!this.pending.some((p) => p.lock === e.lock)) this.pending.push(e);
    for (const kind of irq) if (!this.pendingIrq.includes(kind)) this.pendingIrq.push(kind);
    return state;
  }

  private hasPending(): boolean {
    return this.pending.length > 0 || this.pendingIrq.length > 0;
  }

  private flushPending(site: Site): void {
    for (const e of this.primitives.unknownLock ? [] : this.pending) {
      this.ctx.sink.add(site, { code: "inconsistent-lock-state", lock: this.ctx.locks.byId(e.lock) }, [acquiredHere(e)]);
    }
    for (const interrupts of this.pendingIrq) this.ctx.sink.add(site, { code: "inconsistent-lock-state", interrupts });
    this.pending = [];
    this.pendingIrq = [];
  }

  /** The end of a scope (a block, a switch): its guards are released, with their modifiers undone at `site`. */
  private endScope(st: State, scope: number, site: Site): State {
    const after = releaseScope(st, scope);
    return after === st ? st : this.primitives.changeIrq({ ...after, irq: st.irq }, after.irq, site);
  }

  newScope(): number {
    return this.nextScope++;
  }

  // ---- statements ----

  private walkBlock(block: ts.Block, st: State): Flow {
    const close = { sf: block.getSourceFile(), start: block.end - 1, end: block.end };
    return this.walkScoped(block.statements, st, close);
  }

  /** A statement list that is a scope of its own: guards declared in it end with it. */
  private walkScoped(statements: readonly ts.Statement[], st: State, close: Site): Flow {
    const scope = this.newScope();
    this.scopes.push(scope);
    const mark = this.jumps.length;
    const end = this.walkStatements(statements, st, close);
    this.scopes.pop();
    for (let i = mark; i < this.jumps.length; i++) this.jumps[i].state = this.endScope(this.jumps[i].state, scope, close);
    return end && this.endScope(end, scope, close);
  }

  private walkStatements(statements: readonly ts.Statement[], st: Flow, close: Site): Flow {
    for (const stmt of statements) {
      if (this.hasPending()) this.flushPending(firstTokenSite(stmt));
      if (!st) break;
      st = this.walkStatement(stmt, st);
    }
    if (this.hasPending()) this.flushPending(close);
    return st;
  }

  /**
   * Past MAX_NESTING, the statements and expressions nested deeper are skipped (as if they took
   * no lock) and the function is reported once as not fully analysed; the rest is walked as usual.
   */
  private enter(): boolean {
    if (this.depth < MAX_NESTING) {
      this.depth++;
      return true;
    }
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.ctx.sink.add(this.fn.nameSite, { code: "analysis-incomplete", message: messages.functionIncomplete(this.fn.name, messages.nestedTooDeep(MAX_NESTING)) });
    }
    return false;
  }

  private walkStatement(s: ts.Statement, st: State): Flow {
    if (!this.enter()) return st;
    const end = this.walkStatementIn(s, st);
    this.depth--;
    return end;
  }

  private walkStatementIn(s: ts.Statement, st: State): Flow {
    switch (s.kind) {
      case ts.SyntaxKind.Block:
        return this.walkBlock(s as ts.Block, st);
      case ts.SyntaxKind.ExpressionStatement:
        return this.walkExpr((s as ts.ExpressionStatement).expression, st);
      case ts.SyntaxKind.VariableStatement:
        return this.walkVariables((s as ts.VariableStatement).declarationList, st);
      case ts.SyntaxKind.IfStatement: {
        const n = s as ts.IfStatement;
        const c = this.walkCond(n.expression, st);
        const thenEntry = this.joinReporting(c.t);
        const t = thenEntry && this.walkStatement(n.thenStatement, thenEntry);
        if (!n.elseStatement) return this.joinReporting([t, ...c.f]);
        const elseEntry = this.joinReporting(c.f);
        return this.joinReporting([t, elseEntry && this.walkStatement(n.elseStatement, elseEntry)]);
      }
      case ts.SyntaxKind.ReturnStatement: {
        const n = s as ts.ReturnStatement;
        const after = n.expression ? this.walkExpr(n.expression, st) : st;
        if (after) this.jumps.push({ kind: "return", state: after });
        return null;
      }
      case ts.SyntaxKind.ThrowStatement: {
        const after = this.walkExpr((s as ts.ThrowStatement).expression, st);
        if (after) this.jumps.push({ kind: "throw", state: after });
        return null;
      }
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const n = s as ts.BreakOrContinueStatement;
        const kind = s.kind === ts.SyntaxKind.BreakStatement ? "break" : "continue";
        this.jumps.push({ kind, target: jumpTarget(n), state: st });
        return null;
      }
      case ts.SyntaxKind.WhileStatement: {
        const n = s as ts.WhileStatement;
        return this.walkLoop(n, st, { keyword: n, cond: n.expression, body: n.statement, condFirst: true });
      }
      case ts.SyntaxKind.DoStatement: {
        const n = s as ts.DoStatement;
        return this.walkLoop(n, st, { keyword: n, cond: n.expression, body: n.statement, condFirst: false });
      }
      case ts.SyntaxKind.ForStatement: {
        const n = s as ts.ForStatement;
        let init: Flow = st;
        if (n.initializer) init = ts.isVariableDeclarationList(n.initializer) ? this.walkVariables(n.initializer, st) : this.walkExpr(n.initializer, st);
        return init && this.walkLoop(n, init, { keyword: n, cond: n.condition, body: n.statement, incr: n.incrementor, condFirst: true });
      }
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement: {
        const n = s as ts.ForOfStatement | ts.ForInStatement;
        const iterated = this.walkExpr(n.expression, st);
        return iterated && this.walkLoop(n, iterated, { keyword: n, body: n.statement, condFirst: true, mayNotRun: true });
      }
      case ts.SyntaxKind.SwitchStatement:
        return this.walkSwitch(s as ts.SwitchStatement, st);
      case ts.SyntaxKind.LabeledStatement: {
        const n = s as ts.LabeledStatement;
        const mark = this.jumps.length;
        const end = this.walkStatement(n.statement, st);
        const breaks = this.takeJumps(mark, (j) => j.kind === "break" && j.target === n);
        return this.joinReporting([end, ...breaks.map((j) => j.state)]);
      }
      case ts.SyntaxKind.TryStatement:
        return this.walkTry(s as ts.TryStatement, st);
      case ts.SyntaxKind.WithStatement: {
        const n = s as ts.WithStatement;
        const after = this.walkExpr(n.expression, st);
        return after && this.walkStatement(n.statement, after);
      }
      default:
        // Declarations (functions, classes, types, imports) are not executed here.
        return st;
    }
  }

  /** Removes and returns the jumps recorded since `mark` that `take` selects. */
  private takeJumps(mark: number, take: (j: Jump) => boolean): Jump[] {
    const mine = this.jumps.splice(mark);
    const taken = mine.filter(take);
    this.jumps.push(...mine.filter((j) => !take(j)));
    return taken;
  }

  private walkVariables(list: ts.VariableDeclarationList, st: State): Flow {
    const isUsing = (list.flags & ts.NodeFlags.Using) !== 0;
    let cur: Flow = st;
    for (const d of list.declarations) {
      if (!cur || !d.initializer) continue;
      const init = skipOuter(d.initializer);
      if (isUsing && ts.isCallExpression(init) && lockorderExport(init.expression, this.ctx.checker) === "guard") {
        cur = this.primitives.guard(init, cur, this.scopes[this.scopes.length - 1]);
        continue;
      }
      cur = this.walkValue(d.initializer, cur);
      if (cur && ts.isIdentifier(d.name)) cur = this.assignFact(cur, d.name, d.initializer);
      if (cur && ts.isObjectBindingPattern(d.name)) checkDestructuring(this.ctx, this.fn, d.name, d.initializer, cur);
    }
    return cur;
  }

  private walkLoop(
    loop: ts.IterationStatement,
    entry: State,
    parts: { keyword: ts.Node; cond?: ts.Expression; body: ts.Statement; incr?: ts.Expression; condFirst: boolean; mayNotRun?: boolean },
  ): Flow {
    const top = this.forgetFactsAssignedIn(loop, entry);
    const mark = this.jumps.length;
    const savedPending = this.pending;
    const savedPendingIrq = this.pendingIrq;
    this.pending = [];
    this.pendingIrq = [];
    let exitOnCond: Flow[] = [];
    let bodyEntry: Flow = top;
    if (parts.condFirst) {
      if (parts.cond) {
        const c = this.walkCond(parts.cond, top);
        bodyEntry = this.joinReporting(c.t);
        exitOnCond = [...c.f];
      } else {
        exitOnCond = parts.mayNotRun ? [top] : [];
      }
    }
    const bodyEnd = bodyEntry && this.walkStatement(parts.body, bodyEntry);
    const continues = this.takeJumps(mark, (j) => j.kind === "continue" && j.target === loop).map((j) => j.state);
    // The paths that come round (the body's end and each continue) before an increment or a
    // do-while's condition joins them: where they differ among themselves, the join hides it.
    const paths: Flow[] = [bodyEnd, ...continues];
    const before = join(paths);
    let backEdges = paths;
    if (parts.incr) {
      const joined = join(backEdges).state;
      backEdges = [joined && this.walkExpr(parts.incr, joined)];
    }
    if (!parts.condFirst && parts.cond) {
      const joined = join(backEdges).state;
      const c = joined ? this.walkCond(parts.cond, joined) : NEVER;
      backEdges = [...c.t];
      exitOnCond = [...c.f];
    } else if (parts.mayNotRun) {
      exitOnCond = [join([top, ...backEdges]).state];
    }
    const breaks = this.takeJumps(mark, (j) => j.kind === "break" && j.target === loop).map((j) => j.state);
    this.pending = savedPending;
    this.pendingIrq = savedPendingIrq;
    const changed = [...before.inconsistent.filter((e) => !top.held.some((x) => x.lock === e.lock)), ...changedAround(top, backEdges)];
    const irqChanged = [...new Set([...before.irq, ...irqChangedAround(top, backEdges)])];
    if (changed.length > 0 || irqChanged.length > 0) {
      const site = firstTokenSite(parts.keyword);
      for (const e of this.primitives.unknownLock ? [] : changed) {
        this.ctx.sink.add(site, { code: "inconsistent-lock-state", lock: this.ctx.locks.byId(e.lock) }, [acquiredHere(e)]);
      }
      for (const interrupts of irqChanged) this.ctx.sink.add(site, { code: "inconsistent-lock-state", interrupts });
      return top;
    }
    return this.joinReporting([...exitOnCond, ...breaks]);
  }

  private forgetFactsAssignedIn(node: ts.Node, st: State): State {
    if (st.facts.size === 0) return st;
    const assigned: ts.Symbol[] = [];
    forEachDescendant(node, (n) => {
      if (ts.isBinaryExpression(n) && isAssignmentOperator(n.operatorToken.kind) && ts.isIdentifier(skipOuter(n.left))) {
        const sym = symbolAt(this.ctx.checker, skipOuter(n.left));
        if (sym) assigned.push(sym);
      }
    });
    return withoutFacts(st, assigned);
  }

  private walkSwitch(n: ts.SwitchStatement, st: State): Flow {
    const disc = this.walkExpr(n.expression, st);
    if (!disc) return null;
    const mark = this.jumps.length;
    const scope = this.newScope();
    this.scopes.push(scope);
    let fall: Flow = null;
    let hasDefault = false;
    for (const clause of n.caseBlock.clauses) {
      if (ts.isDefaultClause(clause)) hasDefault = true;
      else this.walkExpr(clause.expression, disc);
      const entry = this.joinReporting([disc, fall]);
      const close = clause.statements.length > 0 ? { sf: n.getSourceFile(), start: clause.end, end: clause.end } : firstTokenSite(clause);
      fall = entry && this.walkStatements(clause.statements, entry, close);
    }
    this.scopes.pop();
    const close = { sf: n.getSourceFile(), start: n.caseBlock.end - 1, end: n.caseBlock.end };
    const breaks = this.takeJumps(mark, (j) => j.kind === "break" && j.target === n).map((j) => this.endScope(j.state, scope, close));
    for (let i = mark; i < this.jumps.length; i++) this.jumps[i].state = this.endScope(this.jumps[i].state, scope, close);
    const exits = [fall && this.endScope(fall, scope, close), ...breaks, hasDefault ? null : disc];
    return this.joinReporting(exits);
  }

  private walkTry(n: ts.TryStatement, st: State): Flow {
    const mark = this.jumps.length;
    const tryEnd = this.walkBlock(n.tryBlock, st);
    let normal: Flow[] = [tryEnd];
    if (n.catchClause) {
      // The catch block is entered from the try block's start or any explicit throw in it.
      const throws = this.takeJumps(mark, (j) => j.kind === "throw").map((j) => j.state);
      const catchEntry = join([st, ...throws]).state ?? st;
      normal = [tryEnd, this.walkBlock(n.catchClause.block, catchEntry)];
    }
    const joined = this.joinReporting(normal);
    if (!n.finallyBlock) return joined;
    // The finally block runs on every exit: the normal one and each jump leaving the try.
    const finallyBlock = n.finallyBlock;
    const leaving = this.jumps.splice(mark);
    const savedPending = this.pending;
    const savedPendingIrq = this.pendingIrq;
    const memo = new Map<string, Flow>();
    const runFinally = (s: State): Flow => {
      const key = stateKey(s);
      if (!memo.has(key)) {
        this.pending = [];
        this.pendingIrq = [];
        memo.set(key, this.walkBlock(finallyBlock, s));
      }
      return memo.get(key)!;
    };
    for (const j of leaving) {
      const after = runFinally(j.state);
      if (after) this.jumps.push({ ...j, state: after });
    }
    const result = joined && runFinally(joined);
    this.pending = savedPending;
    this.pendingIrq = savedPendingIrq;
    return result;
  }

  // ---- expressions ----

  walkExpr(e: ts.Expression, st: State): Flow {
    if (!this.enter()) return st;
    const end = this.walkExprIn(e, st);
    this.depth--;
    return end;
  }

  private walkExprIn(e: ts.Expression, st: State): Flow {
    switch (e.kind) {
      case ts.SyntaxKind.CallExpression:
        return this.walkCall(e as ts.CallExpression, st);
      case ts.SyntaxKind.NewExpression: {
        const n = e as ts.NewExpression;
        let cur: Flow = this.walkExpr(n.expression, st);
        for (const arg of n.arguments ?? []) if (cur && !isSynchronousCallback(skipOuter(arg))) cur = this.walkExpr(arg, cur);
        return cur && this.applyCall(callSite(n), cur, this.ctx.dispatch.target(n));
      }
      case ts.SyntaxKind.ConditionalExpression: {
        const n = e as ts.ConditionalExpression;
        const c = this.walkCond(n.condition, st);
        const t = this.joinReporting(c.t);
        const f = this.joinReporting(c.f);
        return this.joinReporting([t && this.walkExpr(n.whenTrue, t), f && this.walkExpr(n.whenFalse, f)]);
      }
      case ts.SyntaxKind.BinaryExpression: {
        const n = e as ts.BinaryExpression;
        const op = n.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
          const c = this.walkCond(n, st);
          return this.joinReporting([...c.t, ...c.f]);
        }
        if (isAssignmentOperator(op)) {
          let cur: Flow = st;
          const left = skipOuter(n.left);
          if (ts.isPropertyAccessExpression(left)) cur = this.walkExpr(left.expression, cur);
          else if (!ts.isIdentifier(left)) cur = this.walkExpr(n.left, cur);
          cur = cur && this.walkValue(n.right, cur);
          if (cur && ts.isPropertyAccessExpression(left)) cur = this.accessProperty(left, cur, "write");
          if (cur && ts.isIdentifier(left)) cur = op === ts.SyntaxKind.EqualsToken ? this.assignFact(cur, left, n.right) : this.forgetFact(cur, left);
          return cur;
        }
        // `a + b + c …` and `a, b, c …` nest to the left: the chain is walked as a list, so its
        // length (TypeScript checks 20,000 terms) costs no depth.
        const operands: ts.Expression[] = [];
        let leftmost: ts.Expression = n;
        while (ts.isBinaryExpression(leftmost) && !isLogicalOrAssignment(leftmost.operatorToken.kind)) {
          operands.push(leftmost.right);
          leftmost = leftmost.left;
        }
        let cur = this.walkExpr(leftmost, st);
        for (let i = operands.length - 1; i >= 0 && cur; i--) cur = this.walkExpr(operands[i], cur);
        return cur;
      }
      case ts.SyntaxKind.PropertyAccessExpression: {
        const n = e as ts.PropertyAccessExpression;
        const cur = this.walkExpr(n.expression, st);
        return cur && this.accessProperty(n, cur, "read");
      }
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression:
      case ts.SyntaxKind.DeleteExpression: {
        const n = e as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression | ts.DeleteExpression;
        const written = writtenProperty(n);
        if (!written) return this.walkExpr(ts.isDeleteExpression(n) ? n.expression : n.operand, st);
        const cur = this.walkExpr(written.expression, st);
        return cur && this.accessProperty(written, cur, "write");
      }
      case ts.SyntaxKind.TemplateExpression: {
        // Its `${…}` parts are template spans, not expressions: walked in order.
        let cur: Flow = st;
        for (const span of (e as ts.TemplateExpression).templateSpans) if (cur) cur = this.walkExpr(span.expression, cur);
        return cur;
      }
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ClassExpression:
        // Analysed as functions of their own (docs/annotations.md#callbacks); creating them takes no lock.
        return st;
      default: {
        let cur: Flow = st;
        ts.forEachChild(e, (child) => {
          if (cur && ts.isExpression(child)) cur = this.walkExpr(child, cur);
        });
        return cur;
      }
    }
  }

  /** The paths where a condition is true and where it is false (docs/annotations.md#trylock-results). */
  private walkCond(e: ts.Expression, st: State): Branches {
    if (!this.enter()) return { t: [st], f: [st] };
    const branches = this.walkCondIn(e, st);
    this.depth--;
    return branches;
  }

  private walkCondIn(e: ts.Expression, st: State): Branches {
    const n = skipOuter(e);
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) {
      const c = this.walkCond(n.operand, st);
      return { t: c.f, f: c.t };
    }
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return this.walkLogicalChain(n, st);
      if (op === ts.SyntaxKind.QuestionQuestionToken) {
        const left = this.walkExpr(n.left, st);
        const right = left && this.walkExpr(n.right, left);
        const paths = [left, right].filter(isState);
        return { t: paths, f: paths };
      }
      const compared = comparisonWithBoolean(n);
      if (compared) {
        const c = this.walkCond(compared.operand, st);
        return compared.sameAsOperand ? c : { t: c.f, f: c.t };
      }
    }
    if (ts.isConditionalExpression(n)) {
      const c = this.walkCond(n.condition, st);
      const t = this.joinReporting(c.t);
      const f = this.joinReporting(c.f);
      const x = t ? this.walkCond(n.whenTrue, t) : NEVER;
      const y = f ? this.walkCond(n.whenFalse, f) : NEVER;
      return { t: [...x.t, ...y.t], f: [...x.f, ...y.f] };
    }
    const constant = constantTruth(n);
    if (constant !== undefined) return constant ? { t: [st], f: [] } : { t: [], f: [st] };
    if (ts.isCallExpression(n) && this.primitives.isConditional(n)) {
      const after = this.walkCall(n, st);
      const use = this.primitives.tryUseOf(n);
      if (!after) return NEVER;
      if (!use) return { t: [after], f: [after] };
      return { t: [this.primitives.hold(after, use)], f: [after] };
    }
    if (ts.isIdentifier(n) && st.facts.size > 0) {
      const sym = symbolAt(this.ctx.checker, n);
      const fact = sym && st.facts.get(sym);
      if (sym && fact) {
        const paths = (value: boolean) => [this.branchOnFact(st, sym, fact, value)].filter(isState);
        return { t: paths(true), f: paths(false) };
      }
    }
    const s = this.walkExpr(n, st);
    return s ? { t: [s], f: [s] } : NEVER;
  }

  /**
   * `a && b || c …`, nested to the left, walked as a list (its length costs no depth): each right
   * operand is entered on the paths where the chain so far is true (`&&`) or false (`||`).
   */
  private walkLogicalChain(n: ts.BinaryExpression, st: State): Branches {
    const chain: ts.BinaryExpression[] = [];
    let leftmost: ts.Expression = n;
    while (ts.isBinaryExpression(leftmost) && isAndOr(leftmost.operatorToken.kind)) {
      chain.push(leftmost);
      leftmost = skipOuter(leftmost.left);
    }
    const first = this.walkCond(leftmost, st);
    // Mutable copies: appending each operand's paths keeps a long chain linear.
    let t = [...first.t];
    let f = [...first.f];
    for (let i = chain.length - 1; i >= 0; i--) {
      const and = chain[i].operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
      const rightEntry = this.joinReporting(and ? t : f);
      const b = rightEntry ? this.walkCond(chain[i].right, rightEntry) : NEVER;
      if (and) {
        t = [...b.t];
        f.push(...b.f);
      } else {
        t.push(...b.t);
        f = [...b.f];
      }
    }
    return { t, f };
  }

  /** The paths where the local holding a trylock result is `value`: the lock is held where it says so. */
  private branchOnFact(st: State, sym: ts.Symbol, fact: Fact, value: boolean): Flow {
    const base = assume(st, sym, fact, value);
    return base && value === fact.when && !st.held.some((e) => e.lock === fact.use.lock) ? this.primitives.hold(base, fact.use) : base;
  }

  /**
   * Walks a value about to be stored. A trylock result (`tryLock(L)`, `!tryLock(L)`,
   * `tryLock(L) ? true : false`…) is not a join: the lock stays unheld until the stored result is
   * tested (assignFact records the relation).
   */
  private walkValue(value: ts.Expression, st: State): Flow {
    const call = trylockInside(value, this.ctx.checker);
    return call ? this.walkCall(call, st) : this.walkExpr(value, st);
  }

  /** Tracks `v = tryLock(L)`, `v = !w`, `v = w` for a local `v`; any other value forgets `v`. */
  private assignFact(st: State, target: ts.Identifier, value: ts.Expression): State {
    const source = factOf(value, st, this.ctx.checker, (call) => this.primitives.tryUseOf(call));
    const sym = symbolAt(this.ctx.checker, target);
    if (!sym) return st;
    if (!source) return withoutFact(st, sym);
    return withFact(st, sym, source);
  }

  private forgetFact(st: State, target: ts.Identifier): State {
    const sym = st.facts.size > 0 ? symbolAt(this.ctx.checker, target) : undefined;
    return sym ? withoutFact(st, sym) : st;
  }

  // ---- calls ----

  private walkCall(call: ts.CallExpression, st: State): Flow {
    const primitive = lockorderExport(call.expression, this.ctx.checker);
    if (primitive) return this.primitives.call(primitive, call, st);
    let cur: Flow = this.walkExpr(call.expression, st);
    const callbacks: (ts.ArrowFunction | ts.FunctionExpression)[] = [];
    for (const arg of call.arguments) {
      const a = skipOuter(arg);
      if (isSynchronousCallback(a)) callbacks.push(a as ts.ArrowFunction | ts.FunctionExpression);
      else if (cur) cur = this.walkExpr(arg, cur);
    }
    if (!cur) return null;
    for (const cb of callbacks) this.walkCallback(cb, cur);
    return this.applyCall(callSite(call), cur, this.ctx.dispatch.target(call));
  }

  /** A synchronous callback runs inside the call, with the caller's held set (docs/annotations.md#callbacks). */
  walkCallback(cb: ts.ArrowFunction | ts.FunctionExpression, st: State): void {
    const exits = this.walkFunctionLike(cb.body, st);
    if (this.primitives.unknownLock) return;
    const before = new Set(st.held.map((e) => e.lock));
    const reported = new Set<number>();
    for (const s of exits) {
      for (const e of s.held) {
        if (before.has(e.lock) || reported.has(e.lock)) continue;
        reported.add(e.lock);
        this.ctx.sink.add(firstTokenSite(cb), { code: "lock-held-at-exit", lock: this.ctx.locks.byId(e.lock) }, [acquiredHere(e)]);
      }
    }
  }

  /**
   * Records a call with the caller's held set (edges, recursion and contracts are decided at link
   * time, when its candidates are known) and applies the @releases / @returnsHolding of the
   * declarations it resolves to directly, when they agree.
   */
  applyCall(site: Site, st: State, resolved: ResolvedCall | "outside" | undefined): State {
    this.callCount++;
    if (!resolved) {
      this.unresolved.push(site);
      return st;
    }
    // Only functions outside the model (the standard library): no lock effect, nothing to link.
    if (resolved === "outside") return st;
    const irq = irqCodeOf(st.irq);
    this.callEvents.push({ site, target: resolved.target, held: st.held, ...(irq !== 0 ? { irq } : {}), ...(this.primitives.unknownLock ? { afterUnknownLock: true } : {}) });
    const annotated = resolved.direct.map((d) => this.ctx.annotationsOf(d)).filter((a): a is Annotations => a !== undefined);
    const [first, ...rest] = annotated;
    // `@acquires(irq(L))` ends with spin_unlock_irq: hard interrupts are on after the call.
    const enablesOnReturn = (a: Annotations) => a.acquires.some((u) => u.irq === "irq");
    if (!first || (first.releases.length === 0 && first.returnsHolding.length === 0 && !enablesOnReturn(first))) return st;
    const sameLocks = (a: LockUse[], b: LockUse[]) => a.length === b.length && a.every((u, i) => u.lock === b[i].lock && u.irq === b[i].irq);
    if (!rest.every((c) => sameLocks(c.releases, first.releases) && sameLocks(c.returnsHolding, first.returnsHolding) && enablesOnReturn(c) === enablesOnReturn(first))) return st;
    let cur = st;
    for (const use of first.releases) cur = this.primitives.release(cur, { ...use, site }, site);
    for (const use of first.returnsHolding) {
      this.primitives.hasLockEffects = true;
      if (!cur.held.some((e) => e.lock === use.lock)) cur = this.primitives.hold(cur, { ...use, site });
    }
    if (enablesOnReturn(first)) {
      this.primitives.hasLockEffects = true;
      cur = this.primitives.changeIrq(cur, { ...cur.irq, hard: ON }, site);
    }
    return cur;
  }

  // ---- property accesses: guarded fields and accessors ----

  /** Checks a read or write of `obj.x` against the field's guards (guardedFields.ts), and calls its accessor. */
  private accessProperty(access: ts.PropertyAccessExpression, st: State, how: Access): State {
    const decls = checkAccess(this.ctx, this.fn, access, st, how);
    const accessors = decls.filter((d) => (how === "read" ? ts.isGetAccessorDeclaration(d) : ts.isSetAccessorDeclaration(d)));
    return accessors.length > 0 ? this.applyCall(siteOf(access), st, { target: this.ctx.dispatch.accessorTarget(accessors), direct: accessors }) : st;
  }
}

// ---- helpers ----

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function firstTokenSite(node: ts.Node): Site {
  const sf = node.getSourceFile();
  const start = node.getStart(sf);
  const token = node.getFirstToken(sf);
  return { sf, start, end: token ? token.getEnd() : siteOf(node, sf).end };
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isAndOr(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken;
}

function isLogicalOrAssignment(kind: ts.SyntaxKind): boolean {
  return isAndOr(kind) || kind === ts.SyntaxKind.QuestionQuestionToken || isAssignmentOperator(kind);
}

/** The statement a break or continue leaves (a loop, a switch or a labelled statement). */
function jumpTarget(n: ts.BreakOrContinueStatement): ts.Node | undefined {
  for (let p: ts.Node = n.parent; p && !ts.isFunctionLike(p) && !ts.isSourceFile(p); p = p.parent) {
    if (n.label) {
      if (ts.isLabeledStatement(p) && p.label.text === n.label.text) {
        return n.kind === ts.SyntaxKind.ContinueStatement ? unwrapLabels(p.statement) : p;
      }
    } else if (ts.isIterationStatement(p, false) || (n.kind === ts.SyntaxKind.BreakStatement && ts.isSwitchStatement(p))) {
      return p;
    }
  }
  return undefined;
}

function unwrapLabels(s: ts.Statement): ts.Statement {
  while (ts.isLabeledStatement(s)) s = s.statement;
  return s;
}
