// Handlers kept as bare function values in containers, the way a model writes an array of
// callbacks (the kernel's arrays of function pointers: the reboot/panic handler tables, the
// s390 AP bus's per-type handler table, modelled): an array walked with for…of, with forEach, by
// index and by a helper it is passed to; a Set; a Map read with get() and an optional call, and
// walked by its entries. Every handler stored takes ap_perms_mutex; every walk holds
// matrix_dev->mdevs_lock, and vfio_ap_mdev_resource_in_use() (modelled) takes them the other way.
import { defineLock, lock, unlock } from "lockorder";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const apPermsMutex = defineLock("ap_perms_mutex");

export type ApHandler = (apqn: number) => void;

// ap_bus's handlers, taking ap_perms_mutex
function apScanHandler(_apqn: number): void {
  lock(apPermsMutex);
  unlock(apPermsMutex);
}

function apConfigHandler(_apqn: number): void {
  lock(apPermsMutex);
  unlock(apPermsMutex);
}

const scanHandlers: ApHandler[] = [];
const configHandlers = new Set<ApHandler>();
const handlersByType = new Map<string, ApHandler>();
const initialHandlers: ApHandler[] = [apConfigHandler];

export function registerHandlers(): void {
  scanHandlers.push(apScanHandler);
  configHandlers.add(apConfigHandler);
  handlersByType.set("cex", apScanHandler);
}

export function walkForOf(apqn: number): void {
  lock(mdevsLock);
  for (const handler of scanHandlers) {
    handler(apqn); // expect: lock-order-inversion
  }
  unlock(mdevsLock);
}

export function walkForEach(apqn: number): void {
  lock(mdevsLock);
  scanHandlers.forEach((handler) => handler(apqn)); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function walkByIndex(apqn: number): void {
  lock(mdevsLock);
  for (let i = 0; i < scanHandlers.length; i++) {
    scanHandlers[i](apqn); // expect: lock-order-inversion
  }
  unlock(mdevsLock);
}

export function walkSet(apqn: number): void {
  lock(mdevsLock);
  for (const handler of configHandlers) {
    handler(apqn); // expect: lock-order-inversion
  }
  unlock(mdevsLock);
}

export function walkInitial(apqn: number): void {
  lock(mdevsLock);
  const [first] = initialHandlers;
  first(apqn); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function byType(type: string, apqn: number): void {
  lock(mdevsLock);
  handlersByType.get(type)?.(apqn); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function walkMapEntries(apqn: number): void {
  lock(mdevsLock);
  for (const [, handler] of handlersByType) {
    handler(apqn); // expect: lock-order-inversion
  }
  unlock(mdevsLock);
}

export function walkMapValues(apqn: number): void {
  lock(mdevsLock);
  handlersByType.forEach((handler) => handler(apqn)); // expect: lock-order-inversion
  unlock(mdevsLock);
}

// A helper walking whichever table it is given: the table flows into its parameter.
function forEachHandler(table: readonly ApHandler[], apqn: number): void {
  for (const handler of table) handler(apqn);
}

export function walkGiven(apqn: number): void {
  lock(mdevsLock);
  forEachHandler(scanHandlers, apqn); // expect: lock-order-inversion
  unlock(mdevsLock);
}

// vfio_ap_mdev_resource_in_use() order (modelled): ap_perms_mutex, then matrix_dev->mdevs_lock
export function apPermsInUse(): void {
  lock(apPermsMutex);
  lock(mdevsLock); // expect: lock-order-inversion
  unlock(mdevsLock);
  unlock(apPermsMutex);
}
