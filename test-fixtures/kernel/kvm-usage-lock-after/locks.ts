// Lock classes after commit 44d17459626052a2 ("KVM: Use dedicated mutex to protect
// kvm_usage_count to avoid deadlock", v6.11), and their documented order
// (Documentation/virt/kvm/locking.rst of v6.11):
//   - cpus_read_lock() is taken outside kvm_lock and kvm_usage_lock
//   - kvm->lock is taken outside kvm->slots_lock
//   - synchronize_srcu(&kvm->srcu) is called _inside_ the kvm->slots_lock critical section
import { defineLock } from "lockorder";

// kernel/cpu.c: cpu_hotplug_lock, a percpu_rw_semaphore: cpus_read_lock() is a non-recursive
// read (it waits behind a pending cpus_write_lock(), "due to the fairness of r/w semaphores")
export const cpuHotplugLock = defineLock("cpu_hotplug_lock", { kind: "rwsem" });
// kernel/jump_label.c: jump_label_mutex, taken inside cpus_read_lock() by static keys
export const jumpLabelMutex = defineLock("jump_label_mutex", { after: [cpuHotplugLock] });
// kernel/params.c: the module's param_lock, kernel_param_lock(mk->mod)
export const paramLock = defineLock("mod->param_lock");

// virt/kvm/kvm_main.c: DEFINE_MUTEX(kvm_lock), protecting vm_list, and
// DEFINE_MUTEX(kvm_usage_lock), protecting kvm_usage_count: "Exists because using kvm_lock
// leads to deadlock (see earlier comment on cpus_read_lock() vs kvm_lock)."
export const kvmLockGlobal = defineLock("kvm_lock", { after: [cpuHotplugLock] });
export const kvmUsageLock = defineLock("kvm_usage_lock", { after: [cpuHotplugLock] });
export const kvmLock = defineLock("kvm->lock");
export const vcpuMutex = defineLock("vcpu->mutex", { after: [kvmLock] });
export const slotsLock = defineLock("kvm->slots_lock", { after: [kvmLock] });
export const slotsArchLock = defineLock("kvm->slots_arch_lock", { after: [slotsLock] });
export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu", after: [slotsLock, vcpuMutex] });
