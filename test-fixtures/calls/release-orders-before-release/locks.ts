// The locks of the hand-off in helpers.ts (virt/kvm/kvm_main.c).
import { defineLock } from "lockorder";

export const slotsArchLock = defineLock("swap kvm->slots_arch_lock");
export const mnInvalidateLock = defineLock("swap kvm->mn_invalidate_lock");
export const memslotsUpdate = defineLock("swap kvm->mn_memslots_update_rcuwait", { kind: "completion" });
