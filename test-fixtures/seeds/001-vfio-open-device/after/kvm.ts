// KVM side of seed 001 (unchanged by the fix): kvm->lock (virt/kvm/kvm_main.c), the kvm device whose release runs holding
// it, and the kvm-vfio device (virt/kvm/vfio.c) that tells VFIO about the guest.
import { defineLock, lock, requires, unlock } from "lockorder";
import { vfioFileSetKvm, type VfioFile } from "./vfio";

const EEXIST = 17;

// kvm->lock: one lock class for every guest
export const kvmLock = defineLock("kvm->lock");
// kv->lock of the kvm-vfio device
export const kvVfioLock = defineLock("kvm_vfio->lock");

export class Kvm {
  usersCount = 1;
  devices: KvmDevice[] = [];
}

// struct kvm_device with its kvm_device_ops: release is an abstract method here
export abstract class KvmDevice {
  constructor(readonly kvm: Kvm) {}

  abstract release(): void;
}

// kvm_device_release(): the release of a kvm device's file
export function kvmDeviceRelease(dev: KvmDevice): number {
  const kvm = dev.kvm;
  lock(kvmLock);
  kvm.devices = kvm.devices.filter((d) => d !== dev); // list_del(&dev->vm_node)
  dev.release();
  unlock(kvmLock);
  kvm.usersCount--; // kvm_put_kvm()
  return 0;
}

// kvm_vfio_file_set_kvm(): symbol_get(vfio_file_set_kvm) and call it
function kvmVfioFileSetKvm(file: VfioFile, kvm: Kvm | null): void {
  vfioFileSetKvm(file, kvm);
}

// the kvm-vfio pseudo device
export class KvmVfio extends KvmDevice {
  private files: VfioFile[] = [];

  // kvm_vfio_release(): called by kvm_device_release() holding kvm->lock
  @requires(kvmLock)
  release(): void {
    for (const file of this.files) {
      kvmVfioFileSetKvm(file, null);
    }
    this.files = [];
  }

  // kvm_vfio_group_add(): KVM_DEV_VFIO_GROUP_ADD; kv->lock -> kvm_ref_lock
  groupAdd(file: VfioFile): number {
    lock(kvVfioLock);
    if (this.files.includes(file)) {
      unlock(kvVfioLock);
      return -EEXIST;
    }
    this.files.push(file);
    kvmVfioFileSetKvm(file, this.kvm);
    unlock(kvVfioLock);
    return 0;
  }
}
