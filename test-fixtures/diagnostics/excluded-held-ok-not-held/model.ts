// Near miss for excluded-held: the @excludes(L) method is called after L was released, and with
// an unrelated lock held. Clean.
import { defineLock, excludes, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");

export class VfioAp {
  @excludes(kvmLock)
  releaseKvm(): void {}
}

export function closeAfterUnlock(ap: VfioAp): void {
  lock(kvmLock);
  unlock(kvmLock);
  ap.releaseKvm();
}

export function closeWithOtherLock(ap: VfioAp): void {
  lock(guestsLock);
  ap.releaseKvm();
  unlock(guestsLock);
}
