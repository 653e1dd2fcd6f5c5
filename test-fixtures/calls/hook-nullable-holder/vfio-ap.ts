// vfio_ap's side of the PQAP hook (drivers/s390/crypto/vfio_ap_ops.c, before the fix of seed 000):
// the hook takes matrix_dev->mdevs_lock, and vfio_ap_mdev_unset_kvm() takes the hook's rwsem while
// holding matrix_dev->mdevs_lock to clear the hook: ABBA with handle_pqap() in kvm.ts.
import { defineLock, lock, unlock } from "lockorder";
import { pqapHookRwsem, type Cell } from "./kvm";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

// handle_pqap() in vfio_ap_ops.c: the hook function
function impl(): number {
  lock(mdevsLock);
  unlock(mdevsLock);
  return 0;
}

// vfio_ap_mdev_set_kvm(): stores the hook into KVM's holder, declared `Cell | null`
export function register(h: { cell: Cell | null }): void {
  h.cell = { hook: impl };
}

// vfio_ap_mdev_unset_kvm() before the fix: clears the hook holding matrix_dev->mdevs_lock
export function unregister(h: { cell: Cell | null }): void {
  lock(mdevsLock);
  lock(pqapHookRwsem); // expect: lock-order-inversion
  h.cell = null;
  unlock(pqapHookRwsem);
  unlock(mdevsLock);
}
