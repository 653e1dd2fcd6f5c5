// lock-order-inversion across files: the locks are declared here, each half of the ABBA
// lives in its own file (open.ts, release.ts), as in seed 001.
import { defineLock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
