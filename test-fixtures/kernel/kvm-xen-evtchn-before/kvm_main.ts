// virt/kvm/kvm_main.c: the vCPU and VM ioctls.
import { lockInterruptible, unlock } from "lockorder";
import { vcpuMutex } from "./locks";
import { kvmArchVcpuIoctl, kvmArchVcpuIoctlRun, kvmArchVmIoctl, type Kvm, type KvmVcpu } from "./x86";

const EINTR = 4;
const EIO = 5;
const KVM_RUN = 0xae80;

// kvm_vcpu_ioctl(): every vCPU ioctl runs holding vcpu->mutex
export function kvmVcpuIoctl(vcpu: KvmVcpu, ioctl: number, arg: number): number {
  if (vcpu.kvm.vmDead) return -EIO;
  if (!lockInterruptible(vcpuMutex)) return -EINTR; // mutex_lock_killable(&vcpu->mutex)
  let r: number;
  switch (ioctl) {
    case KVM_RUN:
      r = kvmArchVcpuIoctlRun(vcpu); // expect: lock-order-inversion, declared-order-violation
      break;
    default:
      r = kvmArchVcpuIoctl(vcpu, ioctl, arg); // expect: lock-order-inversion, declared-order-violation
  }
  unlock(vcpuMutex);
  return r;
}

// kvm_vm_ioctl(): the VM ioctls take no lock of their own before the arch code
export function kvmVmIoctl(kvm: Kvm, ioctl: number, arg: number): number {
  if (kvm.vmDead) return -EIO;
  return kvmArchVmIoctl(kvm, ioctl, arg);
}
