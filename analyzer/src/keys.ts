/**
 * Stable keys for declarations: `file#Class.member`, `file#fn/local`, so that what one file's
 * summary says about another file's declarations (a call's target, a dispatch flow) survives a
 * re-parse of that other file when only function bodies changed. Nodes do not survive a re-parse;
 * these names do.
 *
 * Owns: the key of a declaration and of a function, their projections (what a key's functions
 * return, the elements of the containers a key holds), and a file's shape (what other files can
 * observe of it). Must not: use the type checker.
 */
import { ts } from "@ts-morph/common";
import { propertyNameText, type FunctionNode } from "./functions";
import { DECLARING_EXPORTS, directImports } from "./imports";
import { forEachDescendant } from "./tree";

/** A segment naming a node in its container's path, or undefined when it names nothing. */
function segment(node: ts.Node): string | undefined {
  return isAnonymous(node) ? `λ${anonymousOrdinal(node)}` : namedSegment(node);
}

/** The segment of a node that has a name of its own (not an anonymous function). */
function namedSegment(node: ts.Node): string | undefined {
  if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isEnumDeclaration(node) || ts.isFunctionDeclaration(node)) return node.name?.text ?? "default";
  if (ts.isModuleDeclaration(node)) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (ts.isGetAccessorDeclaration(node)) return `${propertyNameText(node.name)}:get`;
  if (ts.isSetAccessorDeclaration(node)) return `${propertyNameText(node.name)}:set`;
  if (ts.isMethodDeclaration(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
    return propertyNameText(node.name);
  }
  if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) return ts.isIdentifier(node.name) ? node.name.text : "{}";
  return undefined;
}

/** A function expression named by nothing (a callback, a returned arrow). */
function isAnonymous(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && !namedByHolder(node);
}

const ordinals = new WeakMap<ts.Node, Map<ts.Node, number>>();

/**
 * An anonymous function is named by its place among the anonymous functions of its container
 * (the nearest enclosing node with a segment), in source order: `fn.λ0`, `fn.λ1`. Unlike a
 * position, the name survives any edit of the body that adds or removes no function before it.
 * Each container is scanned once, down to the nodes with segments of their own.
 */
function anonymousOrdinal(fn: ts.ArrowFunction | ts.FunctionExpression): number {
  let container: ts.Node = fn.parent;
  while (!ts.isSourceFile(container) && !isAnonymous(container) && namedSegment(container) === undefined) container = container.parent;
  let found = ordinals.get(container);
  if (!found) {
    const numbered = new Map<ts.Node, number>();
    forEachDescendant(container, (n) => {
      if (n === container) return true;
      if (isAnonymous(n)) {
        numbered.set(n, numbered.size);
        return false;
      }
      return namedSegment(n) === undefined;
    });
    ordinals.set(container, (found = numbered));
  }
  return found.get(fn) ?? 0;
}

/** Whether a function expression takes its name from what holds it (`const f = () => …`). */
function namedByHolder(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) p = p.parent;
  return ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p);
}

/** The key of a declaration (or of any named node): `fileName#A.b.c`. */
export function declKey(node: ts.Node): string {
  const parts: string[] = [];
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    const s = segment(n);
    if (s !== undefined) parts.push(s);
  }
  return `${node.getSourceFile().fileName}#${parts.reverse().join(".")}`;
}

/**
 * Projections of a key, appended to it: `k()` stands for what calling k's functions returns,
 * `k[]` for the elements of the containers k holds (arrays, sets, maps' values). A key names its
 * projections after a separator no declaration path contains.
 */
export type Projection = "()" | "[]";

const PROJECTION = "\u0000";

/**
 * How many projections a key may carry. Values that flow into their own projections (`a = [a]`,
 * `a = a[0]`) would otherwise make ever longer keys; past the bound a value is not followed (as
 * points-to analyses limit their access paths).
 */
const MAX_PROJECTIONS = 4;

/** A key's projection, or undefined past MAX_PROJECTIONS. */
export function projected(key: string, projection: Projection): string | undefined {
  return withProjections(key, PROJECTION + projection);
}

/** A key with the projections a split took off another (see projectionSplits), or undefined past MAX_PROJECTIONS. */
export function withProjections(key: string, suffix: string): string | undefined {
  let count = 0;
  for (const text of [key, suffix]) for (let i = text.indexOf(PROJECTION); i >= 0; i = text.indexOf(PROJECTION, i + 1)) count++;
  return count > MAX_PROJECTIONS ? undefined : key + suffix;
}

/** The key a projected key projects (itself when it has no projection). */
export function unprojected(key: string): string {
  const at = key.indexOf(PROJECTION);
  return at < 0 ? key : key.slice(0, at);
}

/**
 * The ways a projected key splits into a key and the projections applied to it (`k()[]` is `k`
 * with `()[]` and `k()` with `[]`): whatever flows into the key, so projected, flows into it.
 */
export function projectionSplits(key: string): [base: string, suffix: string][] {
  const splits: [string, string][] = [];
  for (let i = key.indexOf(PROJECTION); i >= 0; i = key.indexOf(PROJECTION, i + 1)) splits.push([key.slice(0, i), key.slice(i)]);
  return splits;
}

/** The key of a function: that of the declaration naming it. */
export function functionKey(fn: FunctionNode | ts.SourceFile): string {
  if (ts.isSourceFile(fn)) return `${fn.fileName}#<top level>`;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && namedByHolder(fn)) {
    let p: ts.Node = fn.parent;
    while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) p = p.parent;
    return declKey(p);
  }
  return declKey(fn);
}

/**
 * What other files can observe of a file: its text with every function body blanked (bodies are
 * private to the file's own summary), and apart, the texts of its lock declarations and subclass
 * uses (a change there renumbers locks for everyone). Declaring calls are told by their names, as
 * written or as imported from lockorder; one imported through another module under another name
 * is not (a cached analysis checks its declarations with the checker: LockTable.restore).
 */
export function fileShape(sf: ts.SourceFile): FileShape {
  let shape = shapes.get(sf);
  if (!shape) shapes.set(sf, (shape = computeShape(sf)));
  return shape;
}

/** See fileShape; `lockSites` is `locks` with where each starts (a cached analysis needs its declarations where they were). */
export interface FileShape {
  readonly locks: string;
  readonly lockSites: string;
  readonly declarations: string;
}

const shapes = new WeakMap<ts.SourceFile, FileShape>();
const watchedMembers = new WeakMap<ts.SourceFile, readonly string[]>();

/**
 * The names of a file's class members whose reads and writes the walk must look at: fields with
 * decorators (`@guardedBy`) and accessors (reading or assigning them is a call). Other property
 * accesses need no symbol look-up. Function bodies are not searched (members live in classes).
 */
export function watchedMemberNames(sf: ts.SourceFile): readonly string[] {
  let names = watchedMembers.get(sf);
  if (names) return names;
  const found: string[] = [];
  forEachDescendant(sf, (node) => {
    if ((ts.isPropertyDeclaration(node) && ts.getDecorators(node)) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
      if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))) found.push(node.name.text);
    }
    return !((ts.isFunctionLike(node) as boolean) && "body" in node);
  });
  watchedMembers.set(sf, (names = found));
  return names;
}

function computeShape(sf: ts.SourceFile): FileShape {
  const bodies: [number, number][] = [];
  const lockTexts: string[] = [];
  const lockSites: string[] = [];
  // Declaring calls by their names, and by the names they are imported under (`defineLock as lockClass`).
  const aliases = new Set([...directImports(sf)].filter(([, exported]) => DECLARING_EXPORTS.has(exported)).map(([local]) => local));
  forEachDescendant(sf, (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(sf);
      if (/(^|\.)(defineLock|nested)$/.test(callee) || aliases.has(callee)) {
        const text = node.getText(sf);
        lockTexts.push(text);
        lockSites.push(`${node.pos}:${text}`);
      }
    }
    if ((ts.isFunctionLike(node) as boolean) && "body" in node && node.body) {
      const body = (node as { body: ts.Node }).body;
      bodies.push([body.getStart(sf), body.end]);
    }
  });
  let declarations = "";
  let at = 0;
  for (const [start, end] of bodies.sort((a, b) => a[0] - b[0])) {
    if (start < at) continue; // nested in a body already blanked
    declarations += sf.text.slice(at, start) + "{}";
    at = end;
  }
  declarations += sf.text.slice(at);
  return { locks: lockTexts.join("\n"), lockSites: lockSites.join("\n"), declarations };
}
