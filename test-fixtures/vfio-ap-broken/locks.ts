// The four locks of Documentation/s390/vfio-ap-locking.rst (seed 002) and their documented order:
//
//   PQAP Hook Lock -> Guests Lock -> KVM Lock -> Matrix Devices Lock
//   pqap_hook_rwsem -> matrix_dev->guests_lock -> kvm->lock -> matrix_dev->mdevs_lock
//
// The AP bus's ap_perms_mutex, which the document names in the resource in-use query, belongs to
// the AP bus (ap_bus.ts) and is not part of this order.
import { defineLock } from "lockorder";

// kvm->arch.crypto.pqap_hook_rwsem (arch/s390/include/asm/kvm_host.h): held for write while the
// hook pointer is set or cleared, for read while the hook is called.
export const pqapHookRwsem = defineLock("pqap_hook_rwsem", { kind: "rwsem" });

// matrix_dev->guests_lock: the list of matrix_mdevs and the KVM pointers used to plug/unplug.
export const guestsLock = defineLock("matrix_dev->guests_lock", { after: [pqapHookRwsem] });

// kvm->lock (include/linux/kvm_host.h): one lock class for every guest.
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] });

// matrix_dev->mdevs_lock: the state of every matrix_mdev.
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", { after: [kvmLock] });
