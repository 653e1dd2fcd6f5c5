// unused-suppression: a suppression naming a code that is not a Lockorder code silences nothing,
// even the known codes listed with it, and is reported at the unknown code (with a did-you-mean
// for a misspelling). `unused-suppression` itself cannot be suppressed. The model is seed 003's
// kvm_usage_lock / cpus_read_lock inversion: hardware_enable_all takes cpus_read_lock() then
// kvm_usage_lock, kvm_online_cpu (a CPU hotplug callback, under the hotplug lock) the reverse.
import { defineLock, lock, shared, unlock } from "lockorder";

export const cpuHotplugLock = defineLock("cpu_hotplug_lock", { kind: "rwsem" });
export const kvmUsageLock = defineLock("kvm_usage_lock");
export const kvmLock = defineLock("kvm_lock", { kind: "spinlock" });

export function hardwareEnableAll(): void {
  lock(shared(cpuHotplugLock));
  // lockorder-ignore-next-line lock-order-inverson -- the hotplug callbacks are serialised // expect: unused-suppression
  lock(kvmUsageLock); // expect: lock-order-inversion
  unlock(kvmUsageLock);
  unlock(shared(cpuHotplugLock));
}

export function kvmOnlineCpu(): void {
  lock(kvmUsageLock);
  // A list with one unknown code silences none of its codes.
  // lockorder-ignore-next-line sleep-in-atomic, lock-order-inversion, deadlock -- reviewed // expect: unused-suppression
  lock(cpuHotplugLock); // expect: lock-order-inversion
  unlock(cpuHotplugLock);
  unlock(kvmUsageLock);
}

export function kvmLockHeldAcrossSleep(): void {
  lock(kvmLock);
  lock(kvmUsageLock); // lockorder-ignore sleep-in-atomic, unused-suppression -- silences nothing // expect: sleep-in-atomic, unused-suppression
  unlock(kvmUsageLock);
  unlock(kvmLock);
}

// A suppression naming no code.
// lockorder-ignore-next-line -- nothing named // expect: unused-suppression
export function noCode(): void {}
