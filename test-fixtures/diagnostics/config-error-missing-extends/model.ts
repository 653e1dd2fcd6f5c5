// The tsconfig beside this model extends a file that does not exist: reported in the compiler's
// words, and the model analysed with the default options.
import { defineLock, lock, unlock } from "lockorder";

export const hostLock = defineLock("host->lock");

export function scanHost(): void {
  lock(hostLock);
  lock(hostLock); // expect: recursive-lock
  unlock(hostLock);
}
