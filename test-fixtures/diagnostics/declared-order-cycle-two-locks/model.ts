// declared-order-cycle: two locks each declared after the other (the forward reference uses the
// display name). Reported on both defineLock calls.
import { defineLock } from "lockorder";

export const kvmLock = defineLock("kvm->lock", { after: ["matrix_dev->guests_lock"] }); // expect: declared-order-cycle
export const guestsLock = defineLock("matrix_dev->guests_lock", { after: [kvmLock] }); // expect: declared-order-cycle
