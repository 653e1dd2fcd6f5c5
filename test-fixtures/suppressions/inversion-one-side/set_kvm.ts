// An inversion silenced on one side only: vfio_ap_mdev_set_kvm takes matrix_dev->guests_lock,
// then kvm->lock inside kvm_arch_crypto_set_masks. Its side of the cycle (sited at the call) is
// silenced; handle_pqap's side (pqap.ts) is still reported, and so is the cycle.
import { lock, unlock } from "lockorder";
import { guestsLock, kvmLock } from "./locks";

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  // lockorder-ignore-next-line lock-order-inversion -- reviewed: the report stays on handle_pqap
  kvmArchCryptoSetMasks(); // expect-suppressed: lock-order-inversion
  unlock(guestsLock);
}

export function kvmArchCryptoSetMasks(): void {
  lock(kvmLock);
  unlock(kvmLock);
}
