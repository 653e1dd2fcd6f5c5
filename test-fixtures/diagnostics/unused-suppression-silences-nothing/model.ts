// unused-suppression: valid suppressions (codes and a reason) that silence nothing. One was left
// behind when vfio_ap_mdev_set_kvm was fixed to take matrix_dev->guests_lock before kvm->lock as
// handle_pqap does; one names the wrong code for its line; one stands above a blank line (the
// next line is literally the next one); one sits on a line of its own (it silences that line).
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const queueLock = defineLock("ap_queue->lock", { kind: "spinlock" });

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  // lockorder-ignore-next-line lock-order-inversion -- fixed since, left behind // expect: unused-suppression
  lock(kvmLock);
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(guestsLock);
  lock(kvmLock);
  unlock(kvmLock);
  unlock(guestsLock);
}

export function vfioApIrqDisable(): void {
  lock(queueLock);
  lock(kvmLock); // lockorder-ignore lock-order-inversion -- wrong code for this line // expect: sleep-in-atomic, unused-suppression
  unlock(kvmLock);
  unlock(queueLock);
}

export function vfioApMdevReset(): void {
  lock(queueLock);
  // lockorder-ignore-next-line sleep-in-atomic -- the blank line below is what it silences // expect: unused-suppression

  lock(guestsLock); // expect: sleep-in-atomic
  unlock(guestsLock);
  unlock(queueLock);
  // lockorder-ignore sleep-in-atomic -- on a line of its own // expect: unused-suppression
}
