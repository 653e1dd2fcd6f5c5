// Call resolution: a class that implements an interface implements the members that interface
// inherits too. VfioPciCore implements VfioPciCoreOps, whose release() comes from VfioDeviceOps,
// so a call through a VfioDeviceOps reaches VfioPciCore.release, which takes vdev->memory_lock:
// under dev_set->lock, that closes an ABBA with zapBars.
import { defineLock, lock, unlock } from "lockorder";

export const devSetLock = defineLock("dev_set->lock");
export const memoryLock = defineLock("vdev->memory_lock");

export interface VfioDeviceOps {
  release(): void;
}

export interface VfioPciCoreOps extends VfioDeviceOps {
  mmap(): void;
}

export class VfioPciCore implements VfioPciCoreOps {
  release(): void {
    lock(memoryLock);
    unlock(memoryLock);
  }

  mmap(): void {}
}

export class VfioDeviceSet {
  constructor(private readonly ops: VfioDeviceOps) {}

  closeDevice(): void {
    lock(devSetLock);
    this.ops.release(); // expect: lock-order-inversion
    unlock(devSetLock);
  }
}

export function zapBars(): void {
  lock(memoryLock);
  lock(devSetLock); // expect: lock-order-inversion
  unlock(devSetLock);
  unlock(memoryLock);
}
