// A function-typed property assigned `this.handlePqap.bind(this)`: the bound method is a candidate
// of the property, so the call through it under kvm->lock closes the ABBA.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

function noHook(_apqn: number): void {}

export class KvmArchCrypto {
  pqapHook: (apqn: number) => void = noHook;
}

export class VfioApMdev {
  register(crypto: KvmArchCrypto): void {
    crypto.pqapHook = this.handlePqap.bind(this);
  }

  handlePqap(_apqn: number): void {
    lock(guestsLock);
    unlock(guestsLock);
  }
}

export function handlePqapIntercept(crypto: KvmArchCrypto, apqn: number): void {
  lock(kvmLock);
  crypto.pqapHook(apqn); // expect: lock-order-inversion
  unlock(kvmLock);
}

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}
