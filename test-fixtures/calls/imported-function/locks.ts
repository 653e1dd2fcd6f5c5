// Call resolution: a function imported from another file. Locks of the model.
import { defineLock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
