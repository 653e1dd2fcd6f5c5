// Suppressions inside statements that span several lines: a diagnostic is silenced on the line
// where it starts, which inside a multi-line call is the line of the lock reference (an acquisition
// site) or of the call expression. kvm_arch_crypto_set_masks takes kvm->lock; vfio_ap_mdev_set_kvm
// and vfio_ap_mdev_unset_kvm hold matrix_dev->guests_lock around it, handle_pqap the reverse.
import { defineLock, lock, unlock, withLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  withLock(
    // lockorder-ignore-next-line lock-order-inversion -- reviewed: the guest is not running yet
    kvmLock, // expect-suppressed: lock-order-inversion
    () => {
      void guestsLock;
    },
  );
  unlock(guestsLock);
}

export function vfioApMdevUnsetKvm(): void {
  lock(guestsLock);
  const masks = [
    0,
    kvmArchCryptoGetMasks( // lockorder-ignore lock-order-inversion -- reviewed: the guest is gone // expect-suppressed: lock-order-inversion
      1,
    ),
  ];
  unlock(guestsLock);
  void masks;
}

export function kvmArchCryptoSetMasks(apm: number): void {
  withLock(kvmLock, () => void apm);
}

export function kvmArchCryptoGetMasks(apm: number): number {
  lock(kvmLock);
  unlock(kvmLock);
  return apm;
}

export function handlePqap(): void {
  lock(kvmLock);
  withLock(guestsLock, () => { // expect: lock-order-inversion
    void 0;
  });
  unlock(kvmLock);
}
