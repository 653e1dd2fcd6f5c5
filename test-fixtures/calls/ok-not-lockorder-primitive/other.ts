// Near miss: a file that imports a non-lockorder `lock` under the bare names lock/unlock.
import { lock, unlock } from "./fake";
import { groupLock, kvmLock } from "./model";

export function kvmVfioGroupDel(): void {
  lock(kvmLock);
  lock(groupLock);
  unlock(groupLock);
  unlock(kvmLock);
}
