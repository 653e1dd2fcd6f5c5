// virt/kvm/kvm_main.c: the vCPU ioctl and the memslot update.
import { lock, lockInterruptible, unlock, waitFor } from "lockorder";
import { kvmArchVcpuIoctlRun } from "./x86";
import { EINTR, KVM_RUN, kvmSrcu, slotsArchLock, slotsLock, vcpuMutex } from "./kvm_host";

// kvm_vcpu_ioctl(): if (mutex_lock_killable(&vcpu->mutex)) return -EINTR; then KVM_RUN
export function kvmVcpuIoctl(ioctl: number): number {
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  const r = ioctl === KVM_RUN ? kvmArchVcpuIoctlRun() : 0;
  unlock(vcpuMutex);
  return r;
}

// kvm_swap_active_memslots(): entered with slots_arch_lock held (taken in kvm_set_memslot());
// "Must be released before synchronize SRCU below in order to avoid deadlock with another thread
// acquiring the slots_arch_lock in an srcu critical section."
/** @releases slotsArchLock */
function kvmSwapActiveMemslots(): void {
  unlock(slotsArchLock);
  waitFor(kvmSrcu); // synchronize_srcu_expedited(&kvm->srcu)
}

// kvm_set_memslot(): mutex_lock(&kvm->slots_arch_lock), swap, then take it again to copy the
// arch-specific data back
function kvmSetMemslot(): number {
  lock(slotsArchLock);
  kvmSwapActiveMemslots();
  lock(slotsArchLock);
  unlock(slotsArchLock);
  return 0;
}

// kvm_vm_ioctl(KVM_SET_USER_MEMORY_REGION) -> kvm_set_memory_region(): mutex_lock(&kvm->slots_lock)
// around __kvm_set_memory_region() -> kvm_set_memslot(): slots_lock is held across the grace period.
export function kvmSetMemoryRegion(): number {
  lock(slotsLock);
  const r = kvmSetMemslot(); // expect: lock-order-inversion
  unlock(slotsLock);
  return r;
}
