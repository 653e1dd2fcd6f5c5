// Call resolution: classes imported from another file. Locks of the model.
import { defineLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
