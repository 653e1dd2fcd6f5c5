// unused-suppression near miss: valid suppressions that each silence a diagnostic are not
// reported. Seed 000's ABBA (vfio_ap_mdev_set_kvm: matrix_dev->guests_lock then kvm->lock;
// handle_pqap: the reverse), silenced on both sides, once with each form. With every diagnostic
// silenced, the model is clean: `check` exits 0 and prints no cycle report.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  // lockorder-ignore-next-line lock-order-inversion -- reviewed: handle_pqap runs with the guest stopped
  lock(kvmLock); // expect-suppressed: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // lockorder-ignore lock-order-inversion -- reviewed, see https://lore.kernel.org/kvm/ // expect-suppressed: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
