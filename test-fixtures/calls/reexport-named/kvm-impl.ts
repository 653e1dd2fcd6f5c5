// Call resolution through named re-exports: the implementation, reached only through index.ts.
import { lock, unlock } from "lockorder";
import { kvmLock } from "./locks";

export function kvmGetKvm(): void {
  lock(kvmLock);
  unlock(kvmLock);
}
