// virt/kvm/vfio.c and kvm_device_ioctl() (virt/kvm/kvm_main.c), v5.13: the kvm-vfio device.
// KVM_DEV_VFIO_GROUP_ADD/DEL tell VFIO the group's KVM holding kv->lock; VFIO's exported
// vfio_group_set_kvm() is looked up with symbol_get() and called through the returned pointer.
import { defineLock, lock, unlock } from "lockorder";
import { vfioGroupSetKvm, type VfioGroup } from "./vfio";
import type { Kvm } from "./kvm_s390";

const EPERM = 1;
const ENXIO = 6;
const KVM_DEV_VFIO_GROUP = 1;
const KVM_DEV_VFIO_GROUP_ADD = 1;
const KVM_DEV_VFIO_GROUP_DEL = 2;

// struct kvm_vfio: kv->lock
export const kvVfioLock = defineLock("kvm_vfio->lock");

type VfioGroupSetKvmFn = (group: VfioGroup, kvm: Kvm | null) => void;

// the kernel's symbol table, as far as KVM looks into it
const exportedSymbols = new Map<string, VfioGroupSetKvmFn>([["vfio_group_set_kvm", vfioGroupSetKvm]]);

// symbol_get(): the exported function, or NULL when the module is not loaded
function symbolGet(name: string): VfioGroupSetKvmFn | undefined {
  return exportedSymbols.get(name);
}

// kvm_vfio_group_set_kvm()
function kvmVfioGroupSetKvm(group: VfioGroup, kvm: Kvm | null): void {
  const fn = symbolGet("vfio_group_set_kvm");
  if (!fn) return;
  fn(group, kvm);
  // symbol_put(vfio_group_set_kvm)
}

// struct kvm_device and struct kvm_device_ops
export interface KvmDeviceAttr {
  group: number;
  attr: number;
  vfioGroup: VfioGroup;
}

export interface KvmDeviceOps {
  name: string;
  setAttr?: (dev: KvmDevice, attr: KvmDeviceAttr) => number;
  hasAttr?: (dev: KvmDevice, attr: KvmDeviceAttr) => number;
}

export class KvmDevice {
  readonly groups: VfioGroup[] = [];
  constructor(readonly kvm: Kvm, readonly ops: KvmDeviceOps) {}
}

// kvm_vfio_set_group()
function kvmVfioSetGroup(dev: KvmDevice, attr: number, vfioGroup: VfioGroup): number {
  switch (attr) {
    case KVM_DEV_VFIO_GROUP_ADD:
      lock(kvVfioLock);
      if (dev.groups.includes(vfioGroup)) {
        unlock(kvVfioLock);
        return -17; // -EEXIST
      }
      dev.groups.push(vfioGroup);
      kvmVfioGroupSetKvm(vfioGroup, dev.kvm);
      unlock(kvVfioLock);
      return 0;
    case KVM_DEV_VFIO_GROUP_DEL:
      lock(kvVfioLock);
      dev.groups.splice(dev.groups.indexOf(vfioGroup), 1);
      kvmVfioGroupSetKvm(vfioGroup, null);
      unlock(kvVfioLock);
      return 0;
  }
  return -ENXIO;
}

// kvm_vfio_set_attr()
function kvmVfioSetAttr(dev: KvmDevice, attr: KvmDeviceAttr): number {
  if (attr.group === KVM_DEV_VFIO_GROUP) return kvmVfioSetGroup(dev, attr.attr, attr.vfioGroup);
  return -ENXIO;
}

export const kvmVfioOps: KvmDeviceOps = { name: "kvm-vfio", setAttr: kvmVfioSetAttr };

// kvm_device_ioctl_attr(): "if (!accessor) return -EPERM;"
function kvmDeviceIoctlAttr(dev: KvmDevice, accessor: ((dev: KvmDevice, attr: KvmDeviceAttr) => number) | undefined, attr: KvmDeviceAttr): number {
  if (!accessor) return -EPERM;
  return accessor(dev, attr);
}

// kvm_device_ioctl(): KVM_SET_DEVICE_ATTR
export function kvmDeviceIoctlSetAttr(dev: KvmDevice, attr: KvmDeviceAttr): number {
  return kvmDeviceIoctlAttr(dev, dev.ops.setAttr, attr);
}
