// virt/kvm/kvm_main.c as of v6.11, after 44d17459626052a2 ("KVM: Use dedicated mutex to protect
// kvm_usage_count to avoid deadlock"): enabling virtualization and the CPU hotplug callbacks take
// the new kvm_usage_lock instead of kvm_lock, so cpu_hotplug_lock no longer orders kvm_lock and
// the chain kvm_lock -> kvm->slots_lock -> kvm->srcu -> cpu_hotplug_lock ends there.
// Clean: lockorder must report nothing.
import { guard, lock, lockInterruptible, shared, unlock, waitFor } from "lockorder";
import { cpuhpSetupStateNocalls } from "./kernel";
import { cpuHotplugLock, kvmLockGlobal, kvmSrcu, kvmUsageLock, slotsArchLock, slotsLock, vcpuMutex } from "./locks";
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

// vm_list: protected by kvm_lock; kvm_usage_count: protected by kvm_usage_lock
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
  lock(kvmUsageLock);
  if (kvmUsageCount) ret = hardwareEnableNolock(cpu);
  unlock(kvmUsageLock);
  return ret;
}

// kvm_offline_cpu()
function kvmOfflineCpu(cpu: number): number {
  lock(kvmUsageLock);
  if (kvmUsageCount) hardwareDisableNolock(cpu);
  unlock(kvmUsageLock);
  return 0;
}

// hardware_enable_all(): cpus_read_lock(); mutex_lock(&kvm_usage_lock);
function hardwareEnableAll(): number {
  let r = 0;
  lock(shared(cpuHotplugLock));
  lock(kvmUsageLock);
  kvmUsageCount++;
  if (kvmUsageCount === 1) {
    for (const cpu of [0, 1, 2, 3]) if (hardwareEnableNolock(cpu)) r = -EBUSY; // on_each_cpu()
    if (r) kvmUsageCount--;
  }
  unlock(kvmUsageLock);
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
  kvmSwapActiveMemslots(kvm, asId);
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
