// Near misses of function values that flow: each call below, made holding kvm->lock, goes through
// a holder (a container, a property, a getter's result, a parameter) that only ever holds handlers
// taking no lock. vfio_ap's handle_pqap(), which takes matrix_dev->guests_lock (ordered before
// kvm->lock by vfio_ap_mdev_set_kvm()), is stored only in other holders of the same types, so no
// call reaches it and nothing is reported.
import { defineLock, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");

export type Hook = (vcpu: number) => number;

export interface ModuleHook {
  hook: Hook;
  owner: Hook;
}

// handle_pqap() in vfio_ap_ops.c: takes matrix_dev->guests_lock
function handlePqap(_vcpu: number): number {
  lock(guestsLock);
  unlock(guestsLock);
  return 0;
}

function quiet(_vcpu: number): number {
  return 0;
}

const pqapHooks: Hook[] = [handlePqap];
const quietHooks: Hook[] = [quiet];
const hooksByName = new Map<string, Hook>([["pqap", handlePqap]]);
const quietByName = new Map<string, Hook>();

export function register(m: ModuleHook): void {
  quietByName.set("quiet", quiet);
  m.hook = handlePqap;
  m.owner = quiet;
}

export function pqapHookOf(m: ModuleHook): Hook {
  return m.hook;
}

export function ownerOf(m: ModuleHook): Hook {
  return m.owner;
}

export function callOne(h: Hook): number {
  return h(0);
}

// vfio_ap_mdev_set_kvm(): matrix_dev->guests_lock, then kvm->lock
export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  lock(kvmLock);
  unlock(kvmLock);
  unlock(guestsLock);
}

export function otherArray(): void {
  lock(kvmLock);
  for (const h of quietHooks) h(0);
  quietHooks.forEach((h) => h(0));
  quietHooks[0](0);
  unlock(kvmLock);
}

export function otherMap(): void {
  lock(kvmLock);
  quietByName.get("quiet")?.(0);
  for (const name of hooksByName.keys()) void name.length;
  unlock(kvmLock);
}

export function otherProperty(m: ModuleHook): void {
  lock(kvmLock);
  const owner = m.owner;
  owner(0);
  const { owner: o } = m;
  o(0);
  ownerOf(m)(0);
  ownerOf(m).call(null, 0);
  callOne(quiet);
  unlock(kvmLock);
}

// Only kept, never called: taking the hook out of its holders calls nothing.
export function keptOnly(m: ModuleHook): Hook[] {
  lock(kvmLock);
  const kept = [pqapHookOf(m), ...pqapHooks];
  unlock(kvmLock);
  return kept;
}
