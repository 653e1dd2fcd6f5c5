// virt/kvm/kvm_main.c as of v6.10, after 0bf50497f03b ("KVM: Drop kvm_count_lock and instead
// protect kvm_usage_count with kvm_lock"): enabling virtualization takes kvm_lock inside
// cpus_read_lock(), and so do the CPU hotplug callbacks (cpu_hotplug_lock held for write).
//
// The splat of 44d17459626052a2 (v6.11):
//   -> #3 (kvm_lock):          kvm_dev_ioctl          cpu_hotplug_lock -> kvm_lock
//   -> #2 (cpu_hotplug_lock):  kvm_arch_vcpu_ioctl    kvm->srcu -> cpu_hotplug_lock
//   -> #1 (&kvm->srcu):        kvm_swap_active_memslots   kvm->slots_lock -> sync(kvm->srcu)
//   -> #0 (&kvm->slots_lock):  set_nx_huge_pages      kvm_lock -> kvm->slots_lock
// "CPU1 #6 will wait on CPU0 #1, CPU0 #8 will wait on CPU2 #3, and CPU2 #7 will wait on CPU1 #4
// (if there's a writer, due to the fairness of r/w semaphores)."
import { guard, lock, lockInterruptible, shared, unlock, waitFor } from "lockorder";
import { cpuhpSetupStateNocalls } from "./kernel";
import { cpuHotplugLock, kvmLockGlobal, kvmSrcu, slotsArchLock, slotsLock, vcpuMutex } from "./locks";
import { kvmArchVcpuIoctl, type KvmVcpu } from "./x86";

const EINTR = 4;
const EIO = 5;
const EBUSY = 16;
const EINVAL = 22;
const CPUHP_AP_KVM_ONLINE = 3;
const KVM_CREATE_VM = 0xae01;
const KVM_SET_USER_MEMORY_REGION = 0x4020ae46;

export class Kvm {
  readonly memslots = [{ generation: 0 }, { generation: 0 }];
  readonly vcpus: KvmVcpu[] = [];
  nxHugePageRecoveryThread = { woken: 0 };
  vmDead = false;
}

// vm_list and kvm_usage_count: protected by kvm_lock
export const vmList: Kvm[] = [];
let kvmUsageCount = 0;
const hardwareEnabled = new Set<number>();

function hardwareEnableNolock(cpu: number): number {
  hardwareEnabled.add(cpu); // kvm_arch_hardware_enable()
  return 0;
}

function hardwareDisableNolock(cpu: number): void {
  hardwareEnabled.delete(cpu);
}

// kvm_online_cpu(): "Abort the CPU online process if hardware virtualization cannot be enabled."
function kvmOnlineCpu(cpu: number): number {
  let ret = 0;
  lock(kvmLockGlobal);
  if (kvmUsageCount) ret = hardwareEnableNolock(cpu);
  unlock(kvmLockGlobal);
  return ret;
}

// kvm_offline_cpu()
function kvmOfflineCpu(cpu: number): number {
  lock(kvmLockGlobal);
  if (kvmUsageCount) hardwareDisableNolock(cpu);
  unlock(kvmLockGlobal);
  return 0;
}

// hardware_enable_all(): cpus_read_lock(); mutex_lock(&kvm_lock);
function hardwareEnableAll(): number {
  let r = 0;
  lock(shared(cpuHotplugLock));
  lock(kvmLockGlobal); // expect: lock-order-inversion
  kvmUsageCount++;
  if (kvmUsageCount === 1) {
    for (const cpu of [0, 1, 2, 3]) if (hardwareEnableNolock(cpu)) r = -EBUSY; // on_each_cpu()
    if (r) kvmUsageCount--;
  }
  unlock(kvmLockGlobal);
  unlock(shared(cpuHotplugLock));
  return r;
}

// kvm_create_vm()
function kvmCreateVm(): Kvm | number {
  const kvm = new Kvm();
  const r = hardwareEnableAll();
  if (r) return r;
  lock(kvmLockGlobal);
  vmList.push(kvm); // list_add(&kvm->vm_list, &vm_list)
  unlock(kvmLockGlobal);
  return kvm;
}

// kvm_dev_ioctl(): /dev/kvm
export function kvmDevIoctl(ioctl: number): number {
  if (ioctl !== KVM_CREATE_VM) return -EINVAL;
  const kvm = kvmCreateVm(); // kvm_dev_ioctl_create_vm()
  return typeof kvm === "number" ? kvm : 0;
}

/**
 * kvm_swap_active_memslots(): drops the slots_arch_lock of kvm_set_memslot(), then
 * synchronize_srcu_expedited(&kvm->srcu), still inside the caller's kvm->slots_lock.
 * @releases slotsArchLock
 */
function kvmSwapActiveMemslots(kvm: Kvm, asId: number): void {
  kvm.memslots[asId].generation |= 1;
  unlock(slotsArchLock);
  waitFor(kvmSrcu);
  kvm.memslots[asId].generation += 1;
}

/**
 * kvm_set_memslot() (CREATE), and __kvm_set_memory_region(): "Must be called holding
 * kvm->slots_lock for write."
 * @requires slotsLock
 */
function kvmSetMemslot(kvm: Kvm, asId: number): number {
  lock(slotsArchLock);
  kvmSwapActiveMemslots(kvm, asId); // expect: lock-order-inversion
  return 0;
}

// kvm_set_memory_region(): mutex_lock(&kvm->slots_lock); __kvm_set_memory_region();
function kvmSetMemoryRegion(kvm: Kvm, slot: number): number {
  using slots = guard(slotsLock);
  return kvmSetMemslot(kvm, slot >> 16);
}

// kvm_vm_ioctl()
export function kvmVmIoctl(kvm: Kvm, ioctl: number, slot: number): number {
  if (kvm.vmDead) return -EIO;
  if (ioctl === KVM_SET_USER_MEMORY_REGION) return kvmSetMemoryRegion(kvm, slot); // kvm_vm_ioctl_set_memory_region()
  return -EINVAL;
}

// kvm_vcpu_ioctl(): if (mutex_lock_killable(&vcpu->mutex)) return -EINTR;
export function kvmVcpuIoctl(vcpu: KvmVcpu, ioctl: number, msrs: { index: number; data: number }[]): number {
  if (vcpu.kvm.vmDead) return -EIO;
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  const r = kvmArchVcpuIoctl(vcpu, ioctl, msrs);
  unlock(vcpuMutex);
  return r;
}

// kvm_init(): register the CPU hotplug callbacks
export function kvmInit(): number {
  return cpuhpSetupStateNocalls(CPUHP_AP_KVM_ONLINE, "kvm/cpu:online", kvmOnlineCpu, kvmOfflineCpu);
}
