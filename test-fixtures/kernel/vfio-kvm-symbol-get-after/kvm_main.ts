// virt/kvm/kvm_main.c (v6.3): struct kvm, the kvm_device file's release, which calls the device's
// optional release op holding kvm->lock, and the kvm->arch.crypto pieces vfio_ap uses.
import { defineLock, lock, unlock } from "lockorder";

// kvm->lock: one lockdep class for every VM
export const kvmLock = defineLock("kvm->lock");
// kvm->arch.crypto.pqap_hook_rwsem (arch/s390)
export const pqapHookRwsem = defineLock("kvm->arch.crypto.pqap_hook_rwsem", { kind: "rwsem" });

export type CryptoHook = (vcpu: object) => number;

export class Kvm {
  usersCount = 1;
  readonly devices: KvmDevice[] = [];
  readonly arch = { crypto: { crycbd: 1, pqapHook: null as CryptoHook | null } };
}

// struct kvm_device_ops: release is optional ("if (dev->ops->release)")
export interface KvmDeviceOps {
  name: string;
  create: (dev: KvmDevice) => number;
  release?: (dev: KvmDevice) => void;
  destroy?: (dev: KvmDevice) => void;
}

export class KvmDevice {
  private_: unknown = null;
  constructor(readonly kvm: Kvm, readonly ops: KvmDeviceOps) {}
}

// kvm_get_kvm_safe() / kvm_put_kvm(): reference counting, exported to vfio
export function kvmGetKvmSafe(kvm: Kvm): boolean {
  if (kvm.usersCount === 0) return false; // refcount_inc_not_zero()
  kvm.usersCount++;
  return true;
}

export function kvmPutKvm(kvm: Kvm): void {
  kvm.usersCount--; // the last reference would kvm_destroy_vm(); not reached in this model
}

// EXPORT_SYMBOL_GPL(kvm_get_kvm_safe) / EXPORT_SYMBOL_GPL(kvm_put_kvm)
export const kvmGetKvmSafeExport = new Map<string, (kvm: Kvm) => boolean>([["kvm_get_kvm_safe", kvmGetKvmSafe]]);
export const kvmPutKvmExport = new Map<string, (kvm: Kvm) => void>([["kvm_put_kvm", kvmPutKvm]]);

// kvm_device_release(): the file release of a KVM device
export function kvmDeviceRelease(dev: KvmDevice): number {
  const kvm = dev.kvm;
  if (dev.ops.release) {
    lock(kvmLock);
    kvm.devices.splice(kvm.devices.indexOf(dev), 1); // list_del(&dev->vm_node)
    dev.ops.release(dev);
    unlock(kvmLock);
  }
  kvmPutKvm(kvm);
  return 0;
}
