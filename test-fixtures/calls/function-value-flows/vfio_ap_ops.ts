// vfio_ap's side (drivers/s390/crypto/vfio_ap_ops.c, before the fix): the hook takes
// matrix_dev->mdevs_lock, and vfio_ap_mdev_set_kvm() takes the hook's rwsem holding it.
import { defineLock, lock, unlock } from "lockorder";
import { pqapHookRwsem, type KvmVcpu, type ModuleHook } from "./kvm";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

// handle_pqap() in vfio_ap_ops.c
function handlePqap(_vcpu: KvmVcpu): number {
  lock(mdevsLock);
  unlock(mdevsLock);
  return 0;
}

// vfio_ap_mdev_set_kvm()
export function vfioApMdevSetKvm(holder: { pqapHook?: ModuleHook }): void {
  lock(mdevsLock);
  lock(pqapHookRwsem); // expect: lock-order-inversion
  holder.pqapHook = { hook: handlePqap };
  unlock(pqapHookRwsem);
  unlock(mdevsLock);
}
