// Group I of Clang's tests (GUARDED_BY): `@guardedBy(L)` on class fields. Reading needs L held
// in any mode, writing (`=`, compound assignment, `++`/`--`, `delete`) needs it exclusively;
// through `this.x`, `obj.x`, `obj?.x`, static `Class.x` and destructuring `const { x } = obj`.
// No function here holds two locks at once.
import { defineLock, guardedBy, lock, requires, shared, unlock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;

const gMu = defineLock("gf.mu");
const gSem = defineLock("gf.sem", { kind: "rwsem" });
const gRw = defineLock("gf.rwlock", { kind: "rwlock" });
const gStatic = defineLock("gf.static_mu");

class Counter {
  @guardedBy(gMu)
  count!: number;

  @guardedBy(gMu)
  cache?: string;

  @guardedBy(gMu)
  items!: number[];

  @guardedBy(gSem)
  config!: number;

  @guardedBy(gRw)
  stats!: number;

  @guardedBy(gStatic)
  static total: number;

  unguarded!: number;

  // gb_bad_2: write without the lock
  writeBad(): void {
    this.count = 1; // expect: guarded-access
  }

  // gb_bad_3: read without the lock
  readBad(): number {
    return this.count; // expect: guarded-access
  }

  // gb_fun (good): read and write with the lock
  readWriteGood(): void {
    lock(gMu);
    this.count = this.count + 1;
    unlock(gMu);
  }

  // x = x + 1 without the lock: a write and a read
  readModifyWriteBad(): void {
    this.count = this.count + 1; // expect: guarded-access, guarded-access
  }

  // compound assignment is one write
  compoundBad(): void {
    this.count += 2; // expect: guarded-access
  }

  // gb_bad_9: v++; v--; ++v; --v;
  incDecBad(): void {
    this.count++; // expect: guarded-access
    this.count--; // expect: guarded-access
    ++this.count; // expect: guarded-access
    --this.count; // expect: guarded-access
  }

  // ++/-- with the lock
  incDecGood(): void {
    lock(gMu);
    this.count++;
    --this.count;
    unlock(gMu);
  }

  // delete is a write
  deleteBad(): void {
    delete this.cache; // expect: guarded-access
  }

  // delete with the lock
  deleteGood(): void {
    lock(gMu);
    delete this.cache;
    unlock(gMu);
  }

  // a read under a shared hold of an rwsem
  sharedReadGood(): number {
    lock(shared(gSem));
    const v = this.config;
    unlock(shared(gSem));
    return v;
  }

  // a write under a shared hold needs the lock exclusively
  sharedWriteBad(): void {
    lock(shared(gSem));
    this.config = 1; // expect: guarded-access
    unlock(shared(gSem));
  }

  // a compound assignment under a shared hold is a write as well
  sharedCompoundBad(): void {
    lock(shared(gSem));
    this.config += 1; // expect: guarded-access
    unlock(shared(gSem));
  }

  // a write under an exclusive hold of the rwsem
  exclusiveWriteGood(): void {
    lock(gSem);
    this.config = 2;
    unlock(gSem);
  }

  // a read under a read hold of an rwlock
  rwlockReadGood(): number {
    lock(shared(gRw));
    const s = this.stats;
    unlock(shared(gRw));
    return s;
  }

  // a write under a read hold of an rwlock
  rwlockWriteBad(): void {
    lock(shared(gRw));
    this.stats = 0; // expect: guarded-access
    unlock(shared(gRw));
  }

  // a @requires body holds the lock
  @requires(gMu)
  bump(): void {
    this.count++;
  }

  // @requires(shared(L)) allows reads
  @requires(shared(gSem))
  readConfig(): number {
    return this.config;
  }

  // @requires(shared(L)) does not allow writes
  @requires(shared(gSem))
  writeConfigBad(): void {
    this.config = 3; // expect: guarded-access
  }

  // a method call on a guarded field reads the field
  pushBad(): void {
    this.items.push(1); // expect: guarded-access
  }

  // the same with the lock
  pushGood(): void {
    lock(gMu);
    this.items.push(1);
    unlock(gMu);
  }

  // unguarded fields need nothing
  unguardedGood(): void {
    this.unguarded++;
  }

  // after the unlock the access is no longer protected
  afterUnlockBad(): void {
    lock(gMu);
    this.count = 1;
    unlock(gMu);
    this.count = 2; // expect: guarded-access
  }

  // after a join the lock counts as not held
  afterJoinBad(): void {
    if (cond()) lock(gMu);
    this.count = 1; // expect: inconsistent-lock-state, guarded-access
  }

  // a static guarded field without its lock
  static bumpTotalBad(): void {
    Counter.total++; // expect: guarded-access
  }

  // a static guarded field with its lock
  static bumpTotalGood(): void {
    lock(gStatic);
    Counter.total++;
    unlock(gStatic);
  }
}

// obj.x write without the lock
function obj_write_bad(c: Counter): void {
  c.count = 5; // expect: guarded-access
}

// obj.x read with the lock
function obj_read_good(c: Counter): number {
  lock(gMu);
  const n = c.count;
  unlock(gMu);
  return n;
}

// destructuring reads the field
function destructure_bad(c: Counter): number {
  const { count } = c; // expect: guarded-access
  return count;
}

// destructuring with the lock
function destructure_good(c: Counter): number {
  lock(gMu);
  const { count, unguarded } = c;
  unlock(gMu);
  return count + unguarded;
}

// destructuring an unguarded field only
function destructure_unguarded(c: Counter): number {
  const { unguarded } = c;
  return unguarded;
}

// optional chaining reads the field
function optional_chain_bad(c: Counter | undefined): number | undefined {
  return c?.count; // expect: guarded-access
}

// a read in a condition
function condition_read_bad(c: Counter): void {
  if (c.count > 0) work(); // expect: guarded-access
}

// a read in a branch where the lock is held, a write in a branch where it is not
function branch_access(c: Counter): void {
  if (cond()) {
    lock(gMu);
    c.count = 1;
    unlock(gMu);
  } else {
    c.count = 2; // expect: guarded-access
  }
}

export {
  Counter, obj_write_bad, obj_read_good, destructure_bad, destructure_good, destructure_unguarded,
  optional_chain_bad, condition_read_bad, branch_access,
};
