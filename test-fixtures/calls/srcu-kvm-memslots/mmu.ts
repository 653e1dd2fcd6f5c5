// arch/x86/kvm/mmu/mmu.c: the first shadow root allocates the rmaps of every memslot under
// kvm->slots_arch_lock, inside the vCPU's read section. Allowed: kvm_swap_active_memslots()
// drops slots_arch_lock before it waits for the readers, so no cycle closes through it.
import { lock, unlock } from "lockorder";
import { slotsArchLock } from "./kvm_host";

// mmu_first_shadow_root_alloc(): mutex_lock(&kvm->slots_arch_lock)
function mmuFirstShadowRootAlloc(): number {
  lock(slotsArchLock);
  unlock(slotsArchLock);
  return 0;
}

// kvm_mmu_load() -> mmu_alloc_shadow_roots()
export function kvmMmuLoad(): number {
  return mmuFirstShadowRootAlloc();
}
