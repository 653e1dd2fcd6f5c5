// virt/kvm/kvm_main.c: a memslot update hands kvm->slots_arch_lock down a chain of helpers;
// kvm_swap_active_memslots() drops it before synchronize_srcu_expedited(&kvm->srcu), "in order to
// avoid deadlock with another thread acquiring the slots_arch_lock in an srcu critical section"
// (mmu.ts). None of the callers up the hand-off chain orders slots_arch_lock before kvm->srcu.
import { lock, shared, unlock, waitFor } from "lockorder";
import { kvmSrcu, mmuLock, slotsArchLock, slotsLock } from "./locks";

export const KVM_MR_CREATE = 0;
export const KVM_MR_DELETE = 1;

/** @releases slotsArchLock */
function kvmSwapActiveMemslots(): void {
  // "Acquired in kvm_set_memslot. Must be released before synchronize SRCU below."
  unlock(slotsArchLock);
  waitFor(kvmSrcu); // synchronize_srcu_expedited(&kvm->srcu)
}

// kvm_arch_flush_shadow_memslot(): zaps the shadow pages of the old slot under mmu_lock.
function kvmArchFlushShadowMemslot(): void {
  lock(mmuLock);
  unlock(mmuLock);
}

/** Entered and left holding slots_arch_lock, which it drops and takes again. @requires slotsArchLock */
function kvmInvalidateMemslot(): void {
  kvmSwapActiveMemslots();
  kvmArchFlushShadowMemslot();
  // "Was released by kvm_swap_active_memslots(), reacquire."
  lock(slotsArchLock);
}

/** @releases slotsArchLock */
function kvmActivateMemslot(): void {
  kvmSwapActiveMemslots();
}

/** @releases slotsArchLock */
function kvmCreateMemslot(): void {
  kvmActivateMemslot();
}

/** @releases slotsArchLock */
function kvmDeleteMemslot(): void {
  kvmActivateMemslot();
}

/** @requires slotsLock */
function kvmSetMemslot(change: number): number {
  lock(slotsArchLock);
  if (change === KVM_MR_DELETE) kvmInvalidateMemslot();
  if (change === KVM_MR_CREATE) kvmCreateMemslot();
  else kvmDeleteMemslot();
  return 0;
}

// kvm_set_memory_region(): synchronize_srcu under slots_lock is fine, no reader takes slots_lock.
export function kvmSetMemoryRegion(change: number): number {
  lock(slotsLock);
  const r = kvmSetMemslot(change);
  unlock(slotsLock);
  return r;
}

// kvm_vcpu_ioctl(): the vCPU runs inside an SRCU read section of kvm->srcu.
export function kvmVcpuIoctl(): void {
  lock(shared(kvmSrcu));
  lock(shared(mmuLock));
  unlock(shared(mmuLock));
  unlock(shared(kvmSrcu));
}
