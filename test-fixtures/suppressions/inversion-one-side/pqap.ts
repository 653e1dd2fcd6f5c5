// handle_pqap: takes kvm->lock, then matrix_dev->guests_lock, the other side of the cycle.
import { lock, unlock } from "lockorder";
import { guestsLock, kvmLock } from "./locks";

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
