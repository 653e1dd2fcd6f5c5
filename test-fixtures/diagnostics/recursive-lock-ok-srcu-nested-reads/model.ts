// Near miss of recursive-lock: SRCU read sections nest (srcu_read_lock() twice is allowed; each
// srcu_read_unlock() ends one), directly and through calls. kvm_vcpu_srcu_read_lock() in KVM_RUN,
// and a helper on the exit path that takes its own idx = srcu_read_lock(&kvm->srcu).
import { defineLock, lock, shared, unlock } from "lockorder";

export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });

function kvmReadGuest(): void {
  lock(shared(kvmSrcu));
  unlock(shared(kvmSrcu));
}

export function vcpuRun(): void {
  lock(shared(kvmSrcu));
  kvmReadGuest();
  lock(shared(kvmSrcu));
  unlock(shared(kvmSrcu));
  unlock(shared(kvmSrcu));
}
