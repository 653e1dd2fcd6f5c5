// Call resolution: an exported class with a decorated method (summary) and a plain method.
import { acquires, lock, unlock } from "lockorder";
import { kvmLock, mdevsLock } from "./locks";

export class Kvm {
  @acquires(kvmLock)
  getKvm(): void {}

  lookupMdev(): void {
    lock(mdevsLock);
    unlock(mdevsLock);
  }
}
