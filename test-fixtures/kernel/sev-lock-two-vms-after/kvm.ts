// The KVM side of SEV intra-host migration and mirroring: struct kvm with its kvm->lock (one
// lockdep class for every VM), and the file lookup of the source VM (virt/kvm/kvm_main.c).
import { defineLock } from "lockorder";

// kvm->lock: "kvm->lock is taken outside vcpu->mutex" (Documentation/virt/kvm/locking.rst)
export const kvmLock = defineLock("kvm->lock");

export class KvmSevInfo {
  active = false;
  esActive = false;
  asid = 0;
  handle = 0;
  // atomic_t migration_in_progress: taken with atomic_cmpxchg_acquire(), never waited for
  migrationInProgress = 0;
  encContextOwner: Kvm | null = null;
  readonly mirrorVms: Kvm[] = [];
}

export class Kvm {
  readonly sev = new KvmSevInfo();
  usersCount = 1;
  createdVcpus = 0;
}

export class File {
  constructor(readonly privateData: Kvm | null) {}
}

const files = new Map<number, File>();

// fget() and file_is_kvm()
export function fget(fd: number): File | null {
  return files.get(fd) ?? null;
}

export function fileIsKvm(file: File | null): file is File {
  return file !== null && file.privateData !== null;
}

// atomic_cmpxchg_acquire(&sev->migration_in_progress, 0, 1): nonzero if it was already set
export function atomicCmpxchgAcquire(sev: KvmSevInfo): number {
  const old = sev.migrationInProgress;
  if (!old) sev.migrationInProgress = 1;
  return old;
}

// kvm_get_kvm()
export function kvmGetKvm(kvm: Kvm): void {
  kvm.usersCount++;
}
