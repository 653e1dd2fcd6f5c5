// virt/kvm/vfio.c (v6.3): the kvm-vfio device. Its release op tells VFIO that the group no longer
// belongs to the VM through vfio_file_set_kvm(), looked up with symbol_get().
import { vfioFileSetKvmExport, type File, type VfioFileSetKvmFn } from "./vfio_main";
import type { Kvm, KvmDevice, KvmDeviceOps } from "./kvm_main";

interface KvmVfioGroup {
  file: File;
}

interface KvmVfio {
  groupList: KvmVfioGroup[];
}

// symbol_get(vfio_file_set_kvm): the macro casts __symbol_get("vfio_file_set_kvm") to the
// symbol's type; NULL when vfio.ko is not loaded
function symbolGetVfioFileSetKvm(): VfioFileSetKvmFn | undefined {
  return vfioFileSetKvmExport.get("vfio_file_set_kvm");
}

// kvm_vfio_file_set_kvm()
function kvmVfioFileSetKvm(file: File, kvm: Kvm | null): void {
  const fn = symbolGetVfioFileSetKvm();
  if (!fn) return;
  fn(file, kvm);
  // symbol_put(vfio_file_set_kvm)
}

// kvm_vfio_release(): "alloc by kvm_ioctl_create_device, free by .release"; called by
// kvm_device_release() holding kvm->lock
function kvmVfioRelease(dev: KvmDevice): void {
  const kv = dev.private_ as KvmVfio;
  for (const kvg of [...kv.groupList]) { // list_for_each_entry_safe()
    kvmVfioFileSetKvm(kvg.file, null);
    kv.groupList.splice(kv.groupList.indexOf(kvg), 1); // fput(); list_del(); kfree()
  }
}

// kvm_vfio_create()
function kvmVfioCreate(dev: KvmDevice): number {
  const kv: KvmVfio = { groupList: [] };
  dev.private_ = kv;
  return 0;
}

export const kvmVfioOps: KvmDeviceOps = { name: "kvm-vfio", create: kvmVfioCreate, release: kvmVfioRelease };
