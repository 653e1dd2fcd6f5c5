// virt/kvm/kvm_main.c: kvm_activate_memslot() hands slots_arch_lock on to kvm_swap_active_memslots().
import { kvmSwapActiveMemslots } from "./helpers";
import { slotsArchLock } from "./locks";

/** @releases slotsArchLock */
export function kvmActivateMemslot(): void {
  kvmSwapActiveMemslots(); // expect: lock-order-inversion
}
