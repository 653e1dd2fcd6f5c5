// Near miss for requires-not-held: @requires(shared(L)) accepts L held in either mode. Clean.
import { defineLock, lock, requires, shared, unlock } from "lockorder";

export const cfgSem = defineLock("matrix_dev->cfg_rwsem", { kind: "rwsem" });

export class MatrixConfig {
  @requires(shared(cfgSem))
  readMasks(): void {}
}

export function readWhileReading(cfg: MatrixConfig): void {
  lock(shared(cfgSem));
  cfg.readMasks();
  unlock(shared(cfgSem));
}

export function readWhileWriting(cfg: MatrixConfig): void {
  lock(cfgSem);
  cfg.readMasks();
  unlock(cfgSem);
}
