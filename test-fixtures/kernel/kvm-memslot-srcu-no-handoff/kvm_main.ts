// virt/kvm/kvm_main.c (v6.x) with the one change the kernel's comment in
// kvm_swap_active_memslots() warns against: kvm->slots_arch_lock is not handed to the swap to be
// dropped before synchronize_srcu_expedited(&kvm->srcu); kvm_set_memslot() holds it across the
// whole update (as it holds slots_lock) and releases it at the end:
//   "Must be released before synchronize SRCU below in order to avoid deadlock with another
//    thread acquiring the slots_arch_lock in an srcu critical section."
// That other thread is a vCPU (x86.ts): vcpu_run() holds kvm->srcu for read and
// mmu_first_shadow_root_alloc() takes kvm->slots_arch_lock. The memslot writer holds
// slots_arch_lock and waits for the vCPU's read section to end; the vCPU waits for
// slots_arch_lock: kvm->slots_arch_lock -> kvm->srcu -> kvm->slots_arch_lock.
// The wait is also against the documented order (locks.ts: slots_arch_lock is taken inside
// kvm->srcu): a declared-order-violation as well.
import { assertHeld, guard, lock, lockInterruptible, unlock, waitFor } from "lockorder";
import { kvmSrcu, mnInvalidateLock, slotsArchLock, slotsLock, vcpuMutex } from "./locks";
import { kvmArchVcpuIoctl, kvmArchVcpuIoctlRun, kvmHandleHvaRange, type KvmVcpu } from "./x86";

const EINTR = 4;
const EIO = 5;
const ENOMEM = 12;
const EINVAL = 22;
const KVM_RUN = 0xae80;
const KVM_SET_USER_MEMORY_REGION = 0x4020ae46;
const KVM_MEMSLOT_INVALID = 1 << 16;
const KVM_MEMSLOT_GEN_UPDATE_IN_PROGRESS = 1 << 30;

export enum KvmMrChange { CREATE, DELETE, MOVE, FLAGS_ONLY }

export class KvmMemorySlot {
  arch = { rmapAllocated: false };
  constructor(public asId: number, public id: number, public baseGfn: number, public npages: number, public flags = 0) {}
}

export class KvmMemslots {
  generation = 0;
  readonly slots = new Map<number, KvmMemorySlot>();
}

export class Kvm {
  // kvm->memslots[as_id] (active) and the inactive set of each address space
  readonly memslots: KvmMemslots[] = [new KvmMemslots(), new KvmMemslots()];
  readonly inactive: KvmMemslots[] = [new KvmMemslots(), new KvmMemslots()];
  mnActiveInvalidateCount = 0;
  nrMemslotPages = 0;
  vmDead = false;
}

function schedule(): void {}

// kvm_replace_memslot(): replace @old with @new in the inactive memslots
function kvmReplaceMemslot(kvm: Kvm, old: KvmMemorySlot | null, newSlot: KvmMemorySlot | null): void {
  const asId = (old ?? newSlot)!.asId;
  const slots = kvm.inactive[asId];
  if (old) slots.slots.delete(old.id);
  if (newSlot) slots.slots.set(newSlot.id, newSlot);
}

/**
 * virt/kvm/kvm_main.c: kvm_swap_active_memslots(), here waiting for the SRCU readers of the old
 * memslots with the caller's slots_arch_lock still held.
 * @requires slotsArchLock
 */
function kvmSwapActiveMemslots(kvm: Kvm, asId: number): void {
  const slots = kvm.inactive[asId];
  let gen = kvm.memslots[asId].generation;
  slots.generation = gen | KVM_MEMSLOT_GEN_UPDATE_IN_PROGRESS;

  // Do not store the new memslots while there are invalidations in progress
  lock(mnInvalidateLock);
  while (kvm.mnActiveInvalidateCount) {
    // set_current_state(TASK_UNINTERRUPTIBLE); spin_unlock(); schedule(); spin_lock();
    unlock(mnInvalidateLock);
    schedule();
    lock(mnInvalidateLock);
  }
  kvm.inactive[asId] = kvm.memslots[asId];
  kvm.memslots[asId] = slots; // rcu_assign_pointer(kvm->memslots[as_id], slots)
  unlock(mnInvalidateLock);

  // Acquired in kvm_set_memslot and (wrongly) still held: synchronize SRCU under it.
  waitFor(kvmSrcu); // expect: lock-order-inversion, declared-order-violation

  gen = slots.generation & ~KVM_MEMSLOT_GEN_UPDATE_IN_PROGRESS;
  slots.generation = gen + 2; // + kvm_arch_nr_memslot_as_ids(kvm)
}

/**
 * kvm_activate_memslot(): swap the active slots, then propagate @new to the now inactive set.
 * @requires slotsArchLock
 */
function kvmActivateMemslot(kvm: Kvm, old: KvmMemorySlot | null, newSlot: KvmMemorySlot | null): void {
  kvmSwapActiveMemslots(kvm, (old ?? newSlot)!.asId);
  kvmReplaceMemslot(kvm, old, newSlot);
}

/**
 * kvm_invalidate_memslot(): entered and left holding slots_arch_lock, which the swap keeps held.
 * @requires slotsArchLock
 */
function kvmInvalidateMemslot(kvm: Kvm, old: KvmMemorySlot, invalidSlot: KvmMemorySlot): void {
  invalidSlot.baseGfn = old.baseGfn; // kvm_copy_memslot()
  invalidSlot.npages = old.npages;
  invalidSlot.flags = old.flags | KVM_MEMSLOT_INVALID;
  kvmReplaceMemslot(kvm, old, invalidSlot);
  kvmSwapActiveMemslots(kvm, old.asId);
  // kvm_arch_flush_shadow_memslot(kvm, old); kvm_arch_guest_memory_reclaimed(kvm);
  old.arch = invalidSlot.arch;
}

/** @requires slotsArchLock */
function kvmCreateMemslot(kvm: Kvm, newSlot: KvmMemorySlot): void {
  kvmReplaceMemslot(kvm, null, newSlot);
  kvmActivateMemslot(kvm, null, newSlot);
}

/** @requires slotsArchLock */
function kvmDeleteMemslot(kvm: Kvm, old: KvmMemorySlot, invalidSlot: KvmMemorySlot): void {
  kvmReplaceMemslot(kvm, old, null);
  kvmActivateMemslot(kvm, invalidSlot, null);
}

/** @requires slotsArchLock */
function kvmMoveMemslot(kvm: Kvm, old: KvmMemorySlot, newSlot: KvmMemorySlot, invalidSlot: KvmMemorySlot): void {
  kvmReplaceMemslot(kvm, old, newSlot);
  kvmActivateMemslot(kvm, invalidSlot, newSlot);
}

/** @requires slotsArchLock */
function kvmUpdateFlagsMemslot(kvm: Kvm, old: KvmMemorySlot, newSlot: KvmMemorySlot): void {
  kvmReplaceMemslot(kvm, old, newSlot);
  kvmActivateMemslot(kvm, old, newSlot);
}

/**
 * kvm_set_memslot(): here slots_arch_lock is held until the update is complete.
 * @requires slotsLock
 */
function kvmSetMemslot(kvm: Kvm, old: KvmMemorySlot | null, newSlot: KvmMemorySlot | null, change: KvmMrChange): number {
  let invalidSlot: KvmMemorySlot | null = null;
  lock(slotsArchLock);
  if (change === KvmMrChange.DELETE || change === KvmMrChange.MOVE) {
    invalidSlot = old ? new KvmMemorySlot(old.asId, old.id, 0, 0) : null; // kzalloc()
    if (!invalidSlot) {
      unlock(slotsArchLock);
      return -ENOMEM;
    }
    kvmInvalidateMemslot(kvm, old!, invalidSlot);
  }

  const r = newSlot && newSlot.npages > 1 << 20 ? -EINVAL : 0; // kvm_prepare_memory_region()
  if (r) {
    // For DELETE/MOVE, revert the above INVALID change.
    if (change === KvmMrChange.DELETE || change === KvmMrChange.MOVE) kvmActivateMemslot(kvm, invalidSlot, old);
    unlock(slotsArchLock);
    return r;
  }

  if (change === KvmMrChange.CREATE) kvmCreateMemslot(kvm, newSlot!);
  else if (change === KvmMrChange.DELETE) kvmDeleteMemslot(kvm, old!, invalidSlot!);
  else if (change === KvmMrChange.MOVE) kvmMoveMemslot(kvm, old!, newSlot!, invalidSlot!);
  else kvmUpdateFlagsMemslot(kvm, old!, newSlot!);
  unlock(slotsArchLock);

  kvm.nrMemslotPages += newSlot ? newSlot.npages : -old!.npages; // kvm_commit_memory_region()
  return 0;
}

/**
 * kvm_set_memory_region(): lockdep_assert_held(&kvm->slots_lock)
 * @requires slotsLock
 */
function kvmSetMemoryRegion(kvm: Kvm, asId: number, id: number, gpa: number, size: number): number {
  assertHeld(slotsLock);
  const old = kvm.memslots[asId].slots.get(id) ?? null;
  if (!size) {
    if (!old || !old.npages) return -EINVAL;
    return kvmSetMemslot(kvm, old, null, KvmMrChange.DELETE);
  }
  const newSlot = new KvmMemorySlot(asId, id, gpa >> 12, size >> 12);
  if (!old || !old.npages) return kvmSetMemslot(kvm, null, newSlot, KvmMrChange.CREATE);
  if (newSlot.baseGfn !== old.baseGfn) return kvmSetMemslot(kvm, old, newSlot, KvmMrChange.MOVE);
  return kvmSetMemslot(kvm, old, newSlot, KvmMrChange.FLAGS_ONLY);
}

// kvm_vm_ioctl_set_memory_region(): guard(mutex)(&kvm->slots_lock);
function kvmVmIoctlSetMemoryRegion(kvm: Kvm, slot: number, gpa: number, size: number): number {
  if ((slot & 0xffff) >= 509) return -EINVAL; // KVM_USER_MEM_SLOTS
  using slots = guard(slotsLock);
  return kvmSetMemoryRegion(kvm, slot >> 16, slot & 0xffff, gpa, size);
}

// kvm_vm_ioctl()
export function kvmVmIoctl(kvm: Kvm, ioctl: number, slot: number, gpa: number, size: number): number {
  if (kvm.vmDead) return -EIO;
  switch (ioctl) {
    case KVM_SET_USER_MEMORY_REGION:
      return kvmVmIoctlSetMemoryRegion(kvm, slot, gpa, size);
    default:
      return -EINVAL;
  }
}

// kvm_vcpu_ioctl(): if (mutex_lock_killable(&vcpu->mutex)) return -EINTR;
export function kvmVcpuIoctl(vcpu: KvmVcpu, ioctl: number): number {
  if (vcpu.kvm.vmDead) return -EIO;
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  let r: number;
  switch (ioctl) {
    case KVM_RUN:
      r = kvmArchVcpuIoctlRun(vcpu);
      break;
    default:
      r = kvmArchVcpuIoctl(vcpu, ioctl);
  }
  unlock(vcpuMutex);
  return r;
}

// kvm_mmu_notifier_invalidate_range_start(): counts the invalidation under mn_invalidate_lock,
// then zaps under SRCU and mmu_lock. It takes neither slots_lock nor slots_arch_lock.
export function kvmMmuNotifierInvalidateRangeStart(kvm: Kvm, handler: (kvm: Kvm) => boolean): number {
  lock(mnInvalidateLock);
  kvm.mnActiveInvalidateCount++;
  unlock(mnInvalidateLock);
  return kvmHandleHvaRange(kvm, handler) ? 1 : 0;
}

// kvm_mmu_notifier_invalidate_range_end()
export function kvmMmuNotifierInvalidateRangeEnd(kvm: Kvm): void {
  lock(mnInvalidateLock);
  if (kvm.mnActiveInvalidateCount) --kvm.mnActiveInvalidateCount;
  unlock(mnInvalidateLock);
  // rcuwait_wake_up(&kvm->mn_memslots_update_rcuwait)
}

