// declared-order-cycle: a lock declared after itself is a cycle of one, reported on its
// declaration; the other lock is fine.
import { defineLock } from "lockorder";

export const kvmLock = defineLock("kvm->lock", { after: ["kvm->lock"] }); // expect: declared-order-cycle
export const guestsLock = defineLock("matrix_dev->guests_lock", { before: [kvmLock] });
