// invalid-annotation: shared() on a spinlock, in a decorator and in a primitive; reported at the
// argument. A real ABBA elsewhere is still reported.
import { acquires, defineLock, lock, shared, unlock, withLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const queueSpin = defineLock("ap_queue->lock", { kind: "spinlock" });

export class ApQueue {
  @acquires(shared(queueSpin)) // expect: invalid-annotation
  peek(): void {}
}

export function peekQueue(): void {
  withLock(shared(queueSpin), () => {}); // expect: invalid-annotation
}

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
