// Call resolution through named re-exports. Locks of the model.
import { defineLock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
