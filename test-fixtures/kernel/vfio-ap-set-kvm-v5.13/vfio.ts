// drivers/vfio/vfio.c (v5.13): the group notifier that tells an mdev driver about the group's
// KVM (VFIO_GROUP_NOTIFY_SET_KVM), and the mdev parent ops the device file calls.
import { blockingNotifierCallChain, blockingNotifierChainRegister, BlockingNotifierHead, type NotifierBlock } from "./notifier";
import type { Kvm } from "./kvm_s390";

const EINVAL = 22;
export const VFIO_GROUP_NOTIFY = 1;
export const VFIO_GROUP_NOTIFY_SET_KVM = 1 << 0;

export class VfioGroup {
  readonly notifier = new BlockingNotifierHead();
  kvm: Kvm | null = null;
}

// struct mdev_parent_ops: the vendor driver's callbacks; open and release are optional
export interface MdevParentOps {
  name: string;
  open?: (mdev: MdevDevice) => number;
  release?: (mdev: MdevDevice) => void;
}

export class MdevDevice {
  driverData: unknown = null;
  constructor(readonly group: VfioGroup, readonly ops: MdevParentOps) {}
}

// vfio_group_set_kvm(): exported to KVM (symbol_get() in virt/kvm/vfio.c)
export function vfioGroupSetKvm(group: VfioGroup, kvm: Kvm | null): void {
  group.kvm = kvm;
  blockingNotifierCallChain(group.notifier, VFIO_GROUP_NOTIFY_SET_KVM, kvm);
}

// vfio_register_group_notifier(): "The attaching of kvm and vfio_group might already happen, so
// here we replay once upon registration."
function vfioRegisterGroupNotifier(group: VfioGroup, events: number, nb: NotifierBlock): number {
  const setKvm = (events & VFIO_GROUP_NOTIFY_SET_KVM) !== 0;
  const ret = blockingNotifierChainRegister(group.notifier, nb);
  if (!ret && setKvm && group.kvm) blockingNotifierCallChain(group.notifier, VFIO_GROUP_NOTIFY_SET_KVM, group.kvm);
  return ret;
}

// vfio_register_notifier()
export function vfioRegisterNotifier(mdev: MdevDevice, type: number, events: number, nb: NotifierBlock): number {
  switch (type) {
    case VFIO_GROUP_NOTIFY:
      return vfioRegisterGroupNotifier(mdev.group, events, nb);
    default:
      return -EINVAL;
  }
}

// vfio_mdev_open() / vfio_mdev_release() (drivers/vfio/mdev/vfio_mdev.c): the device file's
// open and release, through the parent's optional ops
export function vfioMdevOpen(mdev: MdevDevice): number {
  if (!mdev.ops.open) return 0;
  return mdev.ops.open(mdev);
}

export function vfioMdevRelease(mdev: MdevDevice): void {
  if (mdev.ops.release) mdev.ops.release(mdev);
}
