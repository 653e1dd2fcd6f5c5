// Suppressions of several codes, in both forms, on models of vfio_ap and the AP bus:
// ap_queue->lock is a spinlock (ap_queue_message takes it with spin_lock_bh), matrix_dev->mdevs_lock
// and ap_perms_mutex are mutexes.
import { defineLock, guardedBy, lock, requires, unlock } from "lockorder";

export const queueLock = defineLock("ap_queue->lock", { kind: "spinlock" });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const apPermsMutex = defineLock("ap_perms_mutex");
export const resetLock = defineLock("vfio_ap_queue->reset_lock");
export const irqLock = defineLock("vfio_ap_queue->irq_lock", { kind: "spinlock" });
export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export class ApQueue {
  @guardedBy(queueLock)
  pendingq = 0;
}

// The same-line form, at the end of the line it silences.
export function apQueueMessage(q: ApQueue): void {
  lock(queueLock);
  lock(mdevsLock); // lockorder-ignore sleep-in-atomic -- model: the real code drops the spinlock first // expect-suppressed: sleep-in-atomic
  unlock(mdevsLock);
  q.pendingq++;
  unlock(queueLock);
}

// The next-line form, on a field access (guarded-access starts at the access expression).
export function apQueueStatus(q: ApQueue): number {
  // lockorder-ignore-next-line guarded-access -- a racy read for debugfs, as in ap_queue_status_show
  return q.pendingq; // expect-suppressed: guarded-access
}

export class VfioApQueue {
  @requires(resetLock)
  resetQueue(): void {}

  // lockorder-ignore-next-line requires-not-held -- the caller holds it through the mdev's reset
  resetAll(): void { this.resetQueue(); } // expect-suppressed: requires-not-held
}

// lock-held-at-exit starts at the function's name: the next-line form goes above the declaration.
// lockorder-ignore-next-line lock-held-at-exit -- ap_perms_mutex is released by apPermsUnlock
export function apPermsLock(): void { // expect-suppressed: lock-held-at-exit
  lock(apPermsMutex);
}

// A list of codes: two diagnostics start at the same reference (kvm->lock acquired under the
// spinlock, and after matrix_dev->guests_lock, against the order handle_pqap takes below). The
// irq_lock taken in between is on a cycle too (guests_lock → irq_lock → kvm->lock → guests_lock),
// and that site is not silenced.
export function vfioApIrqDisable(): void {
  lock(guestsLock);
  lock(irqLock); // expect: lock-order-inversion
  // lockorder-ignore-next-line sleep-in-atomic, lock-order-inversion -- model of the pre-5.15 code, reviewed
  lock(kvmLock); // expect-suppressed: sleep-in-atomic, lock-order-inversion
  unlock(kvmLock);
  unlock(irqLock);
  unlock(guestsLock);
}

// The other side of that cycle, not silenced.
export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}

// Only the listed code is silenced: the line's other diagnostic is still reported. A list with a
// code that silences nothing on its line is used all the same (one of its codes silenced something).
export function apBusForceRescan(): void {
  lock(queueLock);
  lock(apPermsMutex); // lockorder-ignore sleep-in-atomic, guarded-access -- reviewed // expect-suppressed: sleep-in-atomic
  unlock(apPermsMutex);
  unlock(mdevsLock); // lockorder-ignore sleep-in-atomic -- not this line's code // expect: unlock-not-held, unused-suppression
  unlock(queueLock);
}
