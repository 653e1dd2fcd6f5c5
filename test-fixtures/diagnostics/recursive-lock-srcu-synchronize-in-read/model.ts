// recursive-lock: synchronize_srcu() inside a read section of the same domain waits for itself
// (lockdep reports it: synchronize_srcu() acquires the domain). Reported at waitFor's argument, or
// at the call through which the wait happens; the related information points at the read.
// A vCPU exit handler that waits for kvm->srcu readers from inside KVM_RUN's own read section.
import { defineLock, lock, shared, unlock, waitFor } from "lockorder";

export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });

export function handleExitWaitsForReaders(): void {
  lock(shared(kvmSrcu)); // kvm_vcpu_srcu_read_lock(vcpu)
  waitFor(kvmSrcu); // expect: recursive-lock
  unlock(shared(kvmSrcu));
}

// kvm_swap_active_memslots()'s wait, reached from a read section
function swapActiveMemslots(): void {
  waitFor(kvmSrcu); // synchronize_srcu_expedited(&kvm->srcu)
}

export function handleExitSwapsMemslots(): void {
  lock(shared(kvmSrcu));
  swapActiveMemslots(); // expect: recursive-lock
  unlock(shared(kvmSrcu));
}
