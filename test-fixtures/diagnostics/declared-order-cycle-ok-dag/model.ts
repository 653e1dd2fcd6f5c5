// Near miss for declared-order-cycle: a diamond (guests < kvm < group, guests < mdevs < group)
// declared with `after`, `before` and display-name strings is acyclic. Clean.
import { defineLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", {
  after: ["matrix_dev->guests_lock"],
  before: ["vfio_group->group_lock"],
});
export const groupLock = defineLock("vfio_group->group_lock", { after: [kvmLock] });
