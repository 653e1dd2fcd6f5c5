// declared-order-cycle: guests < kvm < mdevs < guests, mixing `after` and `before`; reported on each
// of the three declarations. group_lock is ordered after a lock on the cycle but is not on it.
import { defineLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock"); // expect: declared-order-cycle
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] }); // expect: declared-order-cycle
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", { after: [kvmLock], before: [guestsLock] }); // expect: declared-order-cycle
export const groupLock = defineLock("vfio_group->group_lock", { after: [mdevsLock] });
