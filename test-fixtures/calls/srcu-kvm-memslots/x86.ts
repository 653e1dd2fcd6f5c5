// arch/x86/kvm/x86.c: KVM_RUN runs the vCPU inside a kvm->srcu read section.
import { lock, shared, unlock } from "lockorder";
import { kvmMmuLoad } from "./mmu";
import { kvmSrcu, slotsLock } from "./kvm_host";
import { kvmXenHypercall } from "./xen";

const EXIT_HYPERCALL = 1;
const EXIT_PRIVATE_MEMSLOT = 2;

// A vCPU exit handler that installs a memslot from inside KVM_RUN, with kvm->slots_lock: the
// pattern locking.rst calls broken ("srcu_read_lock(&kvm->srcu); mutex_lock(&kvm->slots_lock);").
// The memslot update holds slots_lock and waits for this reader to leave; this reader waits for
// slots_lock.
function handleExitPrivateMemslot(): number {
  lock(slotsLock);
  unlock(slotsLock);
  return 0;
}

// vcpu_enter_guest(): kvm_mmu_reload() before entering the guest
function vcpuEnterGuest(): number {
  return kvmMmuLoad();
}

// kvm_arch_vcpu_ioctl_run(): kvm_vcpu_srcu_read_lock(vcpu); vcpu_run(); kvm_vcpu_srcu_read_unlock(vcpu)
export function kvmArchVcpuIoctlRun(): number {
  lock(shared(kvmSrcu));
  let r = vcpuEnterGuest();
  if (r === EXIT_HYPERCALL) r = kvmXenHypercall();
  if (r === EXIT_PRIVATE_MEMSLOT) r = handleExitPrivateMemslot(); // expect: lock-order-inversion
  unlock(shared(kvmSrcu));
  return r;
}
