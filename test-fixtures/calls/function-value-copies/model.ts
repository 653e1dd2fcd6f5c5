// Copies of the PQAP hook (arch/s390/kvm/priv.c: `pqap_hook = *vcpu->kvm->arch.crypto.pqap_hook;
// ret = pqap_hook(vcpu);`) in every form TypeScript has: a `let` assigned later, both arms of `?:`,
// destructuring (renamed, nested, in parameters). Each copy, called under kvm->lock, reaches vfio_ap's
// handle_pqap(), which takes matrix_dev->guests_lock; vfio_ap_mdev_set_kvm() takes them the other
// way. Copies of the owner callback beside the hook reach no lock.
import { defineLock, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");

// struct kvm_s390_module_hook: the hook and its owner
export interface ModuleHook {
  hook: (vcpu: number) => number;
  owner: () => string;
}

// kvm->arch.crypto
export interface KvmS390Crypto {
  pqapHook: ModuleHook;
}

// handle_pqap() in vfio_ap_ops.c
function handlePqap(_vcpu: number): number {
  lock(guestsLock);
  unlock(guestsLock);
  return 0;
}

function vfioApOwner(): string {
  return "vfio_ap";
}

function noHook(_vcpu: number): number {
  return 0;
}

// vfio_ap_mdev_set_kvm(): publishes the hook; before the fix it does so holding guests_lock and
// takes kvm->lock
export function vfioApMdevSetKvm(crypto: KvmS390Crypto): void {
  lock(guestsLock);
  lock(kvmLock); // expect: lock-order-inversion
  crypto.pqapHook = { hook: handlePqap, owner: vfioApOwner };
  unlock(kvmLock);
  unlock(guestsLock);
}

export function assignedLater(crypto: KvmS390Crypto): number {
  let pqapHook;
  pqapHook = crypto.pqapHook.hook;
  lock(kvmLock);
  const ret = pqapHook(1); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}

export function eitherArm(crypto: KvmS390Crypto, registered: boolean): number {
  const pqapHook = registered ? crypto.pqapHook.hook : noHook;
  lock(kvmLock);
  const ret = pqapHook(1); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}

export function destructured(crypto: KvmS390Crypto): number {
  const { hook } = crypto.pqapHook;
  lock(kvmLock);
  const ret = hook(1); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}

export function destructuredRenamed(crypto: KvmS390Crypto): number {
  const { hook: pqapHook, owner } = crypto.pqapHook;
  lock(kvmLock);
  const name = owner();
  const ret = pqapHook(name.length); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}

export function destructuredNested(crypto: KvmS390Crypto): number {
  const {
    pqapHook: { hook },
  } = crypto;
  lock(kvmLock);
  const ret = hook(1); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}

export function destructuredParameter({ hook }: ModuleHook): number {
  lock(kvmLock);
  const ret = hook(1); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}

export function destructuredNestedParameter({ pqapHook: { hook: pqapHook, owner } }: KvmS390Crypto): number {
  lock(kvmLock);
  const name = owner();
  const ret = pqapHook(name.length); // expect: lock-order-inversion
  unlock(kvmLock);
  return ret;
}
