/* U+2028 and U+2029 end lines for ECMAScript (a // comment stops at one) but not for LSP or
   VS Code: inside this block comment and the string below they start no new line, so every
   position after them stays where the editor shows it, and the reorder fix rewrites the lines it
   names. */
import { defineLock, lock, unlock } from "lockorder";

export const netdevLock = defineLock("netdev->lock");
export const queueLock = defineLock("txq->lock");

const banner = "tx queue reset";

export function resetQueue(): string {
  lock(netdevLock);
  lock(queueLock); // expect: lock-order-inversion
  unlock(queueLock);
  unlock(netdevLock);
  return banner;
}

export function restartQueue(): void {
  lock(queueLock);
  lock(netdevLock); // expect: lock-order-inversion
  unlock(netdevLock);
  unlock(queueLock);
}
