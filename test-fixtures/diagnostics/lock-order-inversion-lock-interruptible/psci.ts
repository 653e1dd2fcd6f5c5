// The other direction: a vCPU exit handler that takes kvm->lock inside KVM_RUN, with vcpu->mutex
// held (kvm_vcpu_ioctl() takes it with mutex_lock_killable()). arm64's PSCI CPU_ON did so until
// "KVM: arm64: Avoid vcpu->mutex v. kvm->lock inversion in CPU_ON" gave it a lock of its own:
// vcpu->mutex -> kvm->lock, against the documented order.
import { lock, lockInterruptible, unlock } from "lockorder";
import { EINTR, kvmLock, vcpuMutex } from "./kvm_host";

// kvm_psci_vcpu_on() before the fix: mutex_lock(&kvm->lock) around waking the target vCPU
function kvmPsciVcpuOn(): number {
  lock(kvmLock);
  unlock(kvmLock);
  return 0;
}

// kvm_vcpu_ioctl(KVM_RUN): if (mutex_lock_killable(&vcpu->mutex)) return -EINTR; the guest's
// PSCI CPU_ON call exits to kvm_psci_call()
export function kvmVcpuIoctlRun(): number {
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  const r = kvmPsciVcpuOn(); // expect: lock-order-inversion
  unlock(vcpuMutex);
  return r;
}
