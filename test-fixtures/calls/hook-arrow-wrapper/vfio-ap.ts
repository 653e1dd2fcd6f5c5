// vfio_ap stores `(apqn) => this.handlePqap(apqn)` into the hook; the arrow is analysed on its own,
// and the call through the hook reaches it, so guests_lock -> kvm->lock and back is a cycle.
import { defineLock, lock, unlock } from "lockorder";
import { kvmLock, type Kvm } from "./kvm";

export const guestsLock = defineLock("matrix_dev->guests_lock");

export class VfioApMdev {
  setKvm(kvm: Kvm): void {
    lock(guestsLock);
    lock(kvmLock); // expect: lock-order-inversion
    kvm.crypto.pqapHook = (apqn) => this.handlePqap(apqn);
    unlock(kvmLock);
    unlock(guestsLock);
  }

  handlePqap(_apqn: number): void {
    lock(guestsLock);
    unlock(guestsLock);
  }
}
