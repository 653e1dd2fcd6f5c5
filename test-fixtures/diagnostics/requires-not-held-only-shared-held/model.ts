// requires-not-held: @requires(L) demands L exclusively; a caller holding only shared(L) is
// reported at the call expression.
import { defineLock, lock, requires, shared, unlock } from "lockorder";

export const cfgSem = defineLock("matrix_dev->cfg_rwsem", { kind: "rwsem" });

export class MatrixConfig {
  @requires(cfgSem)
  writeMasks(): void {}
}

export function updateWhileReading(cfg: MatrixConfig): void {
  lock(shared(cfgSem));
  cfg.writeMasks(); // expect: requires-not-held
  unlock(shared(cfgSem));
}

// Near miss: held exclusively.
export function updateWhileWriting(cfg: MatrixConfig): void {
  lock(cfgSem);
  cfg.writeMasks();
  unlock(cfgSem);
}
