// The suppression marker in strings, template literals, regular expressions and block comments
// is not a suppression: the inversion of seed 000 (vfio_ap_mdev_set_kvm: matrix_dev->guests_lock
// then kvm->lock; handle_pqap: the reverse) is still reported on both sides, and none of these
// is an unused suppression. A marker that does not begin its comment is not one either.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioApMdevSetKvm(label: string): string {
  lock(guestsLock);
  const a = "// lockorder-ignore-next-line lock-order-inversion -- in a string";
  lock(kvmLock); const b = `${label} // lockorder-ignore lock-order-inversion -- in a template`; // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
  return a + b;
}

export function handlePqap(): RegExp {
  lock(kvmLock);
  const re = /\/\/ lockorder-ignore lock-order-inversion -- in a regular expression/; lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  /* // lockorder-ignore-next-line lock-order-inversion -- in a block comment */
  unlock(kvmLock);
  return re;
}

export function vfioApMdevUnsetKvm(): string {
  const s = `
// lockorder-ignore-next-line lock-order-inversion -- in a multi-line template
`;
  lock(guestsLock);
  lock(kvmLock); // note: lockorder-ignore lock-order-inversion -- does not begin the comment // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
  return s;
}
