/**
 * A model to start from (the Lockorder walkthrough): a driver whose probe path takes dev->lock and
 * then, in startIo(), dev->io_lock, while its reset path takes them the other way round. Lockorder
 * reports the possible deadlock at both acquisitions, with lockdep's CPU0/CPU1 scenario in the
 * hover; Ctrl+. on either offers the fixes. Type `defineLock`, `lock` or `@acquires` for snippets.
 */
import { acquires, defineLock, lock, unlock } from "lockorder";

export const devLock = defineLock("dev->lock");
export const ioLock = defineLock("dev->io_lock");

export class Device {
  probe(): void {
    lock(devLock);
    this.startIo();
    unlock(devLock);
  }

  /** Takes dev->io_lock for its duration (the body is left out of the model). */
  @acquires(ioLock)
  startIo(): void {}

  reset(): void {
    lock(ioLock);
    lock(devLock);
    unlock(devLock);
    unlock(ioLock);
  }
}
