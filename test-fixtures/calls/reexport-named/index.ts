// Call resolution through named re-exports: `export { x } from`, also renamed, also of a lock.
export { kvmGetKvm } from "./kvm-impl";
export { kvmGetKvm as kvmGetKvmSafe } from "./kvm-impl";
export { groupLock, kvmLock as theKvmLock } from "./locks";
