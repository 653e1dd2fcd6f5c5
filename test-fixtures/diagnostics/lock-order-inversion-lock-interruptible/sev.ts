// lock-order-inversion through lockInterruptible: it waits like mutex_lock(), so it orders its lock
// after the held ones even though it may fail. arch/x86/kvm/svm/sev.c, intra-host migration
// (KVM_CAP_VM_MOVE_ENC_CONTEXT_FROM): sev_lock_two_vms() takes kvm->lock with
// mutex_lock_killable(), then sev_lock_vcpus_for_migration() takes every vcpu->mutex with
// mutex_lock_killable_nested(): kvm->lock -> vcpu->mutex, the documented order.
import { lockInterruptible, unlock } from "lockorder";
import { EINTR, kvmLock, vcpuMutex } from "./kvm_host";

export function sevVmMoveEncContextFrom(): number {
  if (!lockInterruptible(kvmLock)) return -EINTR;
  if (!lockInterruptible(vcpuMutex)) { // expect: lock-order-inversion
    unlock(kvmLock);
    return -EINTR;
  }
  // sev_migrate_from(): move the encryption context and the vCPUs' VMSAs
  unlock(vcpuMutex);
  unlock(kvmLock);
  return 0;
}

// Near miss: the interrupted path takes nothing while kvm->lock is held.
export function sevLockTwoVmsInterrupted(): number {
  if (!lockInterruptible(kvmLock)) return -EINTR;
  unlock(kvmLock);
  return 0;
}
