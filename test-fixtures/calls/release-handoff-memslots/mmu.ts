// arch/x86/kvm/mmu/mmu.c: mmu_first_shadow_root_alloc() takes kvm->slots_arch_lock from
// kvm_mmu_load(), which a vCPU runs inside its kvm->srcu read section: srcu -> slots_arch_lock.
// With the hand-off in kvm_main.ts there is no slots_arch_lock -> srcu edge, so no deadlock.
import { lock, shared, unlock } from "lockorder";
import { kvmSrcu, slotsArchLock } from "./locks";

function mmuFirstShadowRootAlloc(): void {
  lock(slotsArchLock);
  unlock(slotsArchLock);
}

export function kvmMmuLoad(): void {
  lock(shared(kvmSrcu));
  mmuFirstShadowRootAlloc();
  unlock(shared(kvmSrcu));
}
