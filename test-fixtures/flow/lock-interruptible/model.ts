// lockInterruptible(L): mutex_lock_interruptible(), mutex_lock_killable(), down_read_killable().
// It waits like lock(L) (the same edges, recursive-lock and sleep-in-atomic), but a signal can
// end the wait with -EINTR, so L is held only where the result is known true, as for tryLock.
// The kernel's functions return 0 on success; the primitive returns true on success, so
// `if (mutex_lock_killable(&m)) return -EINTR;` is `if (!lockInterruptible(m)) return -EINTR;`.
import { assertHeld, defineLock, lock, lockInterruptible, shared, unlock } from "lockorder";

const EINTR = 4;

export const vcpuMutex = defineLock("li vcpu->mutex");
export const mmapLock = defineLock("li mm->mmap_lock", { kind: "rwsem" });
export const mmuLock = defineLock("li kvm->mmu_lock", { kind: "spinlock" });

function signalPending(): boolean {
  return false;
}

// kvm_vcpu_ioctl(): if (mutex_lock_killable(&vcpu->mutex)) return -EINTR;
export function kvmVcpuIoctl(): number {
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  assertHeld(vcpuMutex);
  unlock(vcpuMutex);
  return 0;
}

// if (mutex_lock_interruptible(&m) == 0) { ...; mutex_unlock(&m); }
export function successBranch(): void {
  if (lockInterruptible(vcpuMutex)) {
    assertHeld(vcpuMutex);
    unlock(vcpuMutex);
  }
}

// ret = mutex_lock_killable(&m); if (ret) return ret;
export function storedResult(): number {
  const locked = lockInterruptible(vcpuMutex);
  if (!locked) return -EINTR;
  unlock(vcpuMutex);
  return 0;
}

// The result kept in a local, tested twice: held exactly where it says so (no inconsistency).
export function testedTwice(): void {
  const locked = lockInterruptible(vcpuMutex);
  if (locked) assertHeld(vcpuMutex);
  if (locked) unlock(vcpuMutex);
}

// if (fatal_signal_pending(current) || mmap_read_lock_killable(mm)) return -EINTR;
export function orForm(): number {
  if (signalPending() || !lockInterruptible(shared(mmapLock))) return -EINTR;
  assertHeld(shared(mmapLock));
  unlock(shared(mmapLock));
  return 0;
}

// if (present && mutex_lock_interruptible(&m) == 0) { ...; mutex_unlock(&m); }
export function andForm(present: boolean): void {
  if (present && lockInterruptible(vcpuMutex) === true) {
    unlock(vcpuMutex);
  }
}

// Negative: the result is not tested, so the lock is not known to be held (as Clang treats an
// unchecked trylock); the kernel marks these functions __must_check.
export function resultIgnored(): void {
  lockInterruptible(vcpuMutex);
  unlock(vcpuMutex); // expect: unlock-not-held
}

// Negative: released on the path where the wait was interrupted.
export function unlockWhenInterrupted(): number {
  if (!lockInterruptible(vcpuMutex)) {
    unlock(vcpuMutex); // expect: unlock-not-held
    return -EINTR;
  }
  unlock(vcpuMutex);
  return 0;
}

// Negative: the success path returns holding the lock.
export function heldAtExit(): number { // expect: lock-held-at-exit
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  return 0;
}

// It waits like mutex_lock(): taking a held mutex again deadlocks, interruptible or not.
export function recursive(): number {
  lock(vcpuMutex);
  const r = lockInterruptible(vcpuMutex) ? 0 : -EINTR; // expect: recursive-lock
  unlock(vcpuMutex);
  return r;
}

// It may sleep like mutex_lock(): not under a spinning lock.
export function underSpinlock(): void {
  lock(mmuLock);
  if (lockInterruptible(vcpuMutex)) unlock(vcpuMutex); // expect: sleep-in-atomic
  unlock(mmuLock);
}
