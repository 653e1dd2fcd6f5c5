// arch/x86/kvm (v6.x): the vCPU run loop and the shadow MMU's first root allocation, the reader
// side of kvm->srcu that takes kvm->slots_arch_lock (arch/x86/kvm/mmu/mmu.c).
//
//   kvm_vcpu_ioctl(KVM_RUN)          vcpu->mutex
//    kvm_arch_vcpu_ioctl_run()
//     vcpu_run()                     kvm_vcpu_srcu_read_lock(vcpu)   (kvm->srcu, read)
//      vcpu_enter_guest()
//       kvm_mmu_reload() -> kvm_mmu_load() -> mmu_alloc_shadow_roots()
//        mmu_first_shadow_root_alloc()   mutex_lock(&kvm->slots_arch_lock)
//        write_lock(&vcpu->kvm->mmu_lock)
import { lock, shared, unlock } from "lockorder";
import { kvmSrcu, mmuLock, slotsArchLock } from "./locks";
import type { Kvm } from "./kvm_main";

const KVM_SET_MSRS = 0x4008ae89;
const INVALID_PAGE = -1;
const EINVAL = 22;

export class KvmVcpu {
  rootHpa = INVALID_PAGE;
  direct = false; // vcpu->arch.mmu->root_role.direct
  exitReason = 0;
  constructor(readonly kvm: Kvm) {}
}

// kvm->arch.shadow_root_allocated, read with smp_load_acquire()
const shadowRootAllocated = new WeakSet<Kvm>();

// mmu_first_shadow_root_alloc(): "Check if this is the first shadow root being allocated before
// taking the lock", then recheck under kvm->slots_arch_lock and allocate the rmaps of every memslot.
function mmuFirstShadowRootAlloc(kvm: Kvm): number {
  if (shadowRootAllocated.has(kvm)) return 0;
  lock(slotsArchLock);
  let r = 0;
  if (!shadowRootAllocated.has(kvm)) {
    for (const slots of kvm.memslots) {
      for (const slot of slots.slots.values()) {
        slot.arch.rmapAllocated = true; // memslot_rmap_alloc()
      }
    }
    shadowRootAllocated.add(kvm); // smp_store_release(&kvm->arch.shadow_root_allocated, true)
  }
  unlock(slotsArchLock);
  return r;
}

// mmu_alloc_shadow_roots()
function mmuAllocShadowRoots(vcpu: KvmVcpu): number {
  const r = mmuFirstShadowRootAlloc(vcpu.kvm);
  if (r) return r;
  lock(mmuLock); // write_lock(&vcpu->kvm->mmu_lock)
  vcpu.rootHpa = 0x1000; // mmu_alloc_root()
  unlock(mmuLock);
  return 0;
}

// mmu_alloc_direct_roots(): the TDP MMU allocates its roots under read_lock(&kvm->mmu_lock)
function mmuAllocDirectRoots(vcpu: KvmVcpu): number {
  lock(shared(mmuLock));
  vcpu.rootHpa = 0x2000;
  unlock(shared(mmuLock));
  return 0;
}

// kvm_mmu_load()
function kvmMmuLoad(vcpu: KvmVcpu): number {
  return vcpu.direct ? mmuAllocDirectRoots(vcpu) : mmuAllocShadowRoots(vcpu);
}

// kvm_mmu_reload() (arch/x86/kvm/mmu.h)
function kvmMmuReload(vcpu: KvmVcpu): number {
  if (vcpu.rootHpa !== INVALID_PAGE) return 0;
  return kvmMmuLoad(vcpu);
}

// vcpu_enter_guest(): called inside vcpu_run()'s SRCU read section
function vcpuEnterGuest(vcpu: KvmVcpu): number {
  const r = kvmMmuReload(vcpu);
  if (r) return r;
  vcpu.exitReason = 12; // static_call(kvm_x86_vcpu_run)(vcpu) ... EXIT_REASON_HLT
  return vcpu.exitReason === 12 ? 0 : 1;
}

// vcpu_run(): kvm_vcpu_srcu_read_lock(vcpu) for the whole run loop
function vcpuRun(vcpu: KvmVcpu): number {
  let r = 1;
  lock(shared(kvmSrcu));
  for (;;) {
    r = vcpuEnterGuest(vcpu); // expect: lock-order-inversion
    if (r <= 0) break;
  }
  unlock(shared(kvmSrcu));
  return r;
}

// kvm_arch_vcpu_ioctl_run()
export function kvmArchVcpuIoctlRun(vcpu: KvmVcpu): number {
  return vcpuRun(vcpu);
}

// kvm_arch_vcpu_ioctl(): KVM_SET_MSRS runs msr_io() under srcu_read_lock(&vcpu->kvm->srcu)
export function kvmArchVcpuIoctl(vcpu: KvmVcpu, ioctl: number): number {
  if (ioctl !== KVM_SET_MSRS) return -EINVAL;
  lock(shared(kvmSrcu));
  const r = vcpu.kvm.memslots.length; // msr_io(vcpu, argp, do_set_msr, 0)
  unlock(shared(kvmSrcu));
  return r;
}

// __kvm_handle_hva_range(): the MMU notifier's zap, under SRCU and mmu_lock (the kernel takes
// mmu_lock on the first memslot that overlaps the range; the model takes it for the whole walk).
export function kvmHandleHvaRange(kvm: Kvm, handler: (kvm: Kvm) => boolean): boolean {
  let ret = false;
  lock(shared(kvmSrcu)); // idx = srcu_read_lock(&kvm->srcu)
  lock(mmuLock); // KVM_MMU_LOCK(kvm)
  for (const slots of kvm.memslots) {
    if (slots.slots.size) ret = handler(kvm) || ret;
  }
  unlock(mmuLock);
  unlock(shared(kvmSrcu));
  return ret;
}

// kvm_unmap_gfn_range(): the handler the invalidation passes in (takes no lock of its own)
export function kvmUnmapGfnRange(kvm: Kvm): boolean {
  return kvm.memslots.length > 0;
}
