// Interface dispatch: locks of the model.
import { defineLock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
export const pciLock = defineLock("vfio_pci_core_device->igate");
