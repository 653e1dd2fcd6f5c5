// Call resolution through `export * from`: the implementation.
import { lock, unlock } from "lockorder";
import { kvmLock } from "./locks";

export function kvmGetKvm(): void {
  lock(kvmLock);
  unlock(kvmLock);
}
