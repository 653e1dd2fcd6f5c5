// Suppressions in a file with CRLF line endings (as a driver edited on Windows): the next line
// is the one after the comment's CRLF, and a same-line reason ends before the CR. Seed 000's ABBA:
// vfio_ap_mdev_set_kvm takes matrix_dev->guests_lock then kvm->lock, handle_pqap the reverse.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  // lockorder-ignore-next-line lock-order-inversion -- reviewed
  lock(kvmLock); // expect-suppressed: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // lockorder-ignore lock-order-inversion -- reviewed // expect-suppressed: lock-order-inversion
  unlock(guestsLock);
  // lockorder-ignore-next-line lock-order-inversion -- nothing on the next line // expect: unused-suppression
  unlock(kvmLock);
}
