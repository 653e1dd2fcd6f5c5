// Seed 000's two locks: matrix_dev->guests_lock (vfio_ap) and kvm->lock.
import { defineLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
