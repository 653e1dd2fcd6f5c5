// Near miss of lock-order-inversion: SRCU readers never wait for each other, so a read section
// nested inside a lock and that lock taken inside a read section close no cycle (lockdep's rule:
// the cycle kvm->lock -(ER)-> kvm->srcu -(SN)-> kvm->lock is not strong). Only a
// synchronize_srcu(&kvm->srcu) under kvm->lock would deadlock with the vCPU side
// (lock-order-inversion-srcu-wait). arch/riscv/kvm: handling SBI_EXT_HSM_HART_START in KVM_RUN
// took kvm->lock inside the vCPU's kvm->srcu read section, while VM ioctls that hold kvm->lock
// read guest memory inside a read section of their own.
import { defineLock, lock, shared, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });

// kvm_sbi_hsm_vcpu_start() before it got vcpu->mp_state_lock: mutex_lock(&kvm->lock)
function kvmSbiHsmVcpuStart(): void {
  lock(kvmLock);
  unlock(kvmLock);
}

// kvm_arch_vcpu_ioctl_run(): kvm->srcu read section around the exits, the SBI call among them
export function kvmArchVcpuIoctlRun(): void {
  lock(shared(kvmSrcu));
  kvmSbiHsmVcpuStart();
  unlock(shared(kvmSrcu));
}

// A VM ioctl reading guest memory under kvm->lock: idx = srcu_read_lock(&kvm->srcu); ...
export function kvmVmIoctlUnderLock(): void {
  lock(kvmLock);
  lock(shared(kvmSrcu));
  unlock(shared(kvmSrcu));
  unlock(kvmLock);
}

// The same, the read section entered through a call.
function readGuestMemory(): void {
  lock(shared(kvmSrcu));
  unlock(shared(kvmSrcu));
}

export function kvmVmIoctlThroughCall(): void {
  lock(kvmLock);
  readGuestMemory();
  unlock(kvmLock);
}
