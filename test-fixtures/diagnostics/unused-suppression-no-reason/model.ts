// unused-suppression: suppressions without a reason silence nothing. The ABBA of seed 000
// (vfio_ap_mdev_set_kvm takes matrix_dev->guests_lock then kvm->lock, handle_pqap the reverse)
// stays reported on both sides, and each comment is reported for its missing reason.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  // lockorder-ignore-next-line lock-order-inversion // expect: unused-suppression
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // lockorder-ignore lock-order-inversion -- // expect: lock-order-inversion, unused-suppression
  unlock(guestsLock);
  unlock(kvmLock);
}
