// Interface dispatch: a call through VfioDeviceOps.openDevice reaches every implementing class.
// Only VfioApOps takes kvm->lock (closing the ABBA); VfioPciOps takes an unrelated lock.
import { lock, unlock } from "lockorder";
import { kvmLock, pciLock } from "./locks";

export interface VfioDeviceOps {
  openDevice(): void;
}

export class VfioApOps implements VfioDeviceOps {
  openDevice(): void {
    lock(kvmLock);
    unlock(kvmLock);
  }
}

export class VfioPciOps implements VfioDeviceOps {
  openDevice(): void {
    lock(pciLock);
    unlock(pciLock);
  }
}
