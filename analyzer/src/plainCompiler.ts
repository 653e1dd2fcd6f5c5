/**
 * The compiler's namespace with plain members. @ts-morph/common hands out TypeScript's namespace
 * (its `ts` export) as esbuild bundled it: a frozen object with a getter for every member, so each
 * `ts.SyntaxKind.X` and `ts.isIdentifier(…)` in the analysis is a function call before it is a
 * read, and the walks make several per node. The package's `ts` export is replaced, once, by a
 * copy whose members are plain properties holding the same values; every module reads `ts` from
 * the package's exports when it runs (TypeScript's CommonJS output), so all of them see the copy.
 *
 * Owns: that replacement, made when this module loads (program.ts imports it first). Must not:
 * change what any member is, replace anything but the `ts` export, or fail: a package whose `ts`
 * is already plain is left as it is.
 */
import morph = require("@ts-morph/common");

const exported = morph as unknown as { ts: object };
if (Object.isFrozen(exported.ts)) exported.ts = { ...exported.ts };
