// arch/x86/kvm/svm/sev.c after c9d61dcb0bc26 ("KVM: SEV: accept signals in sev_lock_two_vms",
// v5.16): both VMs' kvm->lock are taken with mutex_lock_killable(), the source's with no lockdep
// subclass. Both are the one class kvm->lock, so lockdep reported possible recursive locking
// (Reported-by: Yiru Xu; fixed by "KVM: SEV: Mark nested locking of kvm->lock", Wanpeng Li:
// "Both source and dest vms' kvm->locks are held in sev_lock_two_vms, we should mark one with
// different subtype to avoid false positives from lockdep.").
//
// sev_lock_two_vms() returns 0 holding both locks and an error holding neither; lockorder has no
// conditional-acquire annotation (Sparse's __cond_acquires), so it is inlined into its caller
// sev_vm_copy_enc_context_from(), its goto chain written as nested ifs. The unlock helper is kept.
import { lockInterruptible, unlock } from "lockorder";
import { atomicCmpxchgAcquire, fget, fileIsKvm, kvmGetKvm, kvmLock, type Kvm } from "./kvm";

const EINTR = 4;
const EBADF = 9;
const EBUSY = 16;
const EINVAL = 22;

function sevGuest(kvm: Kvm): boolean {
  return kvm.sev.active;
}

function isMirroringEncContext(kvm: Kvm): boolean {
  return kvm.sev.encContextOwner !== null;
}

/**
 * sev_unlock_two_vms(): mutex_unlock(&dst_kvm->lock); mutex_unlock(&src_kvm->lock);
 * As lockdep sees it, the class kvm->lock was taken once (the second acquisition was recursive).
 * @releases kvmLock
 */
function sevUnlockTwoVms(dstKvm: Kvm, srcKvm: Kvm): void {
  unlock(kvmLock); // dst_kvm->lock
  unlock(kvmLock); // expect: unlock-not-held
  dstKvm.sev.migrationInProgress = 0; // atomic_set_release()
  srcKvm.sev.migrationInProgress = 0;
}

// sev_vm_copy_enc_context_from(): KVM_CAP_VM_COPY_ENC_CONTEXT_FROM, make @kvm a mirror of the
// SEV VM behind @sourceFd
export function sevVmCopyEncContextFrom(kvm: Kvm, sourceFd: number): number {
  const sourceKvmFile = fget(sourceFd);
  if (!fileIsKvm(sourceKvmFile)) return -EBADF;
  const sourceKvm = sourceKvmFile.privateData!;

  // ---- sev_lock_two_vms(kvm, source_kvm) ----
  if (kvm === sourceKvm) return -EINVAL;
  // Bail if these VMs are already involved in a migration to avoid deadlock between two VMs
  // trying to migrate to/from each other.
  if (atomicCmpxchgAcquire(kvm.sev)) return -EBUSY;
  if (atomicCmpxchgAcquire(sourceKvm.sev)) {
    kvm.sev.migrationInProgress = 0; // release_dst
    return -EBUSY;
  }
  if (!lockInterruptible(kvmLock)) { // mutex_lock_killable(&dst_kvm->lock)
    sourceKvm.sev.migrationInProgress = 0; // release_src
    kvm.sev.migrationInProgress = 0; // release_dst
    return -EINTR;
  }
  if (!lockInterruptible(kvmLock)) { // expect: recursive-lock
    unlock(kvmLock); // unlock_dst
    sourceKvm.sev.migrationInProgress = 0;
    kvm.sev.migrationInProgress = 0;
    return -EINTR;
  }
  // ---- both VMs locked ----

  let ret: number;
  // Mirrors of mirrors should work, but let's not get silly.
  if (sevGuest(kvm) || !sevGuest(sourceKvm) || isMirroringEncContext(sourceKvm) || kvm.createdVcpus) {
    ret = -EINVAL;
  } else {
    // The mirror kvm holds an enc_context_owner ref so its asid can't disappear
    kvmGetKvm(sourceKvm);
    sourceKvm.sev.mirrorVms.push(kvm); // list_add_tail(&mirror_sev->mirror_entry, ...)
    kvm.sev.encContextOwner = sourceKvm;
    kvm.sev.active = true;
    kvm.sev.asid = sourceKvm.sev.asid;
    kvm.sev.esActive = sourceKvm.sev.esActive;
    kvm.sev.handle = sourceKvm.sev.handle;
    ret = 0;
  }
  sevUnlockTwoVms(kvm, sourceKvm); // e_unlock
  return ret;
}
