// arch/x86/kvm/svm/sev.c (v6.1): the one place KVM x86 takes vcpu->mutex inside kvm->lock
// ("KVM x86 only takes vcpu->mutex inside kvm->lock for SEV", Sean Christopherson, the Xen
// deadlock thread). KVM_MEMORY_ENCRYPT_OP runs under kvm->lock; LAUNCH_UPDATE_VMSA takes each
// vCPU's mutex (bb18a677746543e7, "KVM: SEV: Acquire vcpu mutex when updating VMSA").
import { lock, lockInterruptible, unlock } from "lockorder";
import { kvmLock, vcpuMutex } from "./locks";
import type { Kvm, KvmVcpu } from "./x86";

const EINTR = 4;
const EINVAL = 22;
const KVM_SEV_LAUNCH_UPDATE_VMSA = 3;

/**
 * sev_es_sync_vmsa(): lockdep_assert_held(&vcpu->mutex)
 * @requires vcpuMutex
 */
function sevEsSyncVmsa(vcpu: KvmVcpu): number {
  if (vcpu.guestStateProtected) return -EINVAL;
  return 0;
}

/**
 * __sev_launch_update_vmsa()
 * @requires vcpuMutex
 */
function sevLaunchUpdateVmsaOne(_kvm: Kvm, vcpu: KvmVcpu): number {
  const ret = sevEsSyncVmsa(vcpu);
  if (ret) return ret;
  vcpu.guestStateProtected = true; // sev_issue_cmd(kvm, SEV_CMD_LAUNCH_UPDATE_VMSA, &vmsa, error)
  return 0;
}

// sev_launch_update_vmsa(): kvm_for_each_vcpu() { mutex_lock_killable(&vcpu->mutex); ... }
function sevLaunchUpdateVmsa(kvm: Kvm): number {
  for (const vcpu of kvm.vcpus) {
    if (!lockInterruptible(vcpuMutex)) return -EINTR;
    const ret = sevLaunchUpdateVmsaOne(kvm, vcpu);
    unlock(vcpuMutex);
    if (ret) return ret;
  }
  return 0;
}

// sev_mem_enc_ioctl(): kvm_x86_ops.mem_enc_ioctl of kvm_amd
export function sevMemEncIoctl(kvm: Kvm, id: number): number {
  let r: number;
  lock(kvmLock);
  switch (id) {
    case KVM_SEV_LAUNCH_UPDATE_VMSA:
      r = sevLaunchUpdateVmsa(kvm);
      break;
    default:
      r = -EINVAL;
  }
  unlock(kvmLock);
  return r;
}
