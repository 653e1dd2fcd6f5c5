// unknown-lock: one typo is one problem. The misspelt reference is reported (and, in code,
// TypeScript reports the name too); what follows only from the lock missing from the held set
// is not: no unlock-not-held, lock-held-at-exit, inconsistent-lock-state or requires-not-held
// after it in that function. The rest of the model is analysed as usual.
import { acquires, assertHeld, defineLock, lock, requires, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const groupLock = defineLock("vfio group_lock");

export class Kvm {
  @requires(kvmLock)
  setMasks(): void {}

  // The acquisition is misspelt: the release, the assertion and the call that need kvm->lock
  // report nothing more.
  vmIoctl(): void {
    // @ts-expect-error: misspelt on purpose
    lock(kvmLokc); // expect: unknown-lock
    assertHeld(kvmLock);
    this.setMasks();
    unlock(kvmLock);
  }

  // The release is misspelt: kvm->lock stays held as far as the checker knows, but that is the
  // typo's doing: no lock-held-at-exit, and no inconsistent-lock-state at the join below.
  vmRelease(busy: boolean): void {
    lock(kvmLock);
    if (busy) {
      // @ts-expect-error: misspelt on purpose
      unlock(kvmLokc); // expect: unknown-lock
      return;
    }
    unlock(kvmLock);
  }

  // In an annotation: the body runs without the lock the contract meant, and its release is
  // not reported.
  // @ts-expect-error: misspelt on purpose
  @requires(grupLock) // expect: unknown-lock
  groupRelease(): void {
    unlock(groupLock);
  }

  // Unrelated to any typo: still reported.
  @acquires(groupLock)
  leaky(): void {
    this.setMasks(); // expect: requires-not-held
  }
}
