// Lock references through a namespace import (`locks.kvm`). Locks of the model.
import { defineLock } from "lockorder";

export const group = defineLock("vfio_group->group_lock");
export const kvm = defineLock("kvm->lock");
