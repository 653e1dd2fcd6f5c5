// The two generic KVM locks of this model (include/linux/kvm_host.h). Documentation/virt/kvm/
// locking.rst: kvm->lock is taken outside vcpu->mutex.
import { defineLock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const vcpuMutex = defineLock("vcpu->mutex");

export const EINTR = 4;
