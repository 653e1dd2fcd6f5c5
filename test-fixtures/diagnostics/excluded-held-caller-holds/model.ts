// excluded-held: calling an @excludes(L) method while holding L, reported at the call.
import { defineLock, excludes, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");

export class VfioAp {
  @excludes(kvmLock)
  releaseKvm(): void {}
}

export function closeWithKvmHeld(ap: VfioAp): void {
  lock(kvmLock);
  ap.releaseKvm(); // expect: excluded-held
  unlock(kvmLock);
}
