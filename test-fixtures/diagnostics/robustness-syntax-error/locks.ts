// Robustness: a model where one file (broken.ts) has a syntax error. The other files must still be
// analysed: the ABBA between open.ts and release.ts is reported. (Excluded from type checking.)
import { defineLock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
