// The tsconfig beside this model has an error; the deadlock below is still found.
import { defineLock, lock, unlock } from "lockorder";

export const hostLock = defineLock("host->lock");
export const portLock = defineLock("port->lock");

export function scanHost(): void {
  lock(hostLock);
  lock(portLock); // expect: lock-order-inversion
  unlock(portLock);
  unlock(hostLock);
}

export function resetPort(): void {
  lock(portLock);
  lock(hostLock); // expect: lock-order-inversion
  unlock(hostLock);
  unlock(portLock);
}
