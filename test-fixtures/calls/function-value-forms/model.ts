// The other forms a model keeps its hooks and handler tables in (the s390 AP bus's handlers,
// modelled as in handler-containers): a destructuring default, `??=`, a nested pattern, an index
// assignment, splice, fill, a Set made from a literal and copied with Array.from and a spread, a
// Map made from entries and walked by entries() and values(), an array's entries(), filter and
// find, a Map filled by chained set() calls, a rest parameter, bind. Every call is made holding matrix_dev->mdevs_lock and reaches
// apScanHandler, which takes ap_perms_mutex; apPermsInUse takes them the other way.
import { defineLock, lock, unlock } from "lockorder";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const apPermsMutex = defineLock("ap_perms_mutex");

export type H = (apqn: number) => void;

function apScanHandler(_n: number): void {
  lock(apPermsMutex);
  unlock(apPermsMutex);
}
// A handler that takes no lock.
function quiet(_n: number): void {}

export interface Box { hook?: H; ops: { open: H } }

export function defaults(b: Box): void {
  const { hook = apScanHandler } = b;
  lock(mdevsLock);
  hook(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function orAssign(b: Box): void {
  let h: H | undefined;
  h ??= apScanHandler;
  lock(mdevsLock);
  h(1); // expect: lock-order-inversion
  unlock(mdevsLock);
  void b;
}

export function nested(b: Box): void {
  const { ops: { open } } = b;
  lock(mdevsLock);
  open(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function setOps(b: Box): void {
  b.ops = { open: apScanHandler };
}

export function indexStore(): void {
  const hs: H[] = [];
  hs[0] = apScanHandler;
  lock(mdevsLock);
  hs[0](1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function spliceFill(): void {
  const hs: H[] = [quiet];
  hs.splice(0, 0, apScanHandler);
  lock(mdevsLock);
  hs.at(0)!(1); // expect: lock-order-inversion
  unlock(mdevsLock);
  const gs = new Array<H>(3).fill(apScanHandler);
  lock(mdevsLock);
  gs.pop()!(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function fromSet(): void {
  const set = new Set([apScanHandler]);
  const arr = Array.from(set);
  lock(mdevsLock);
  arr.shift()!(1); // expect: lock-order-inversion
  for (const h of [...set]) h(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function mapEntries(): void {
  const m = new Map<string, H>([["t", apScanHandler]]);
  lock(mdevsLock);
  for (const [, h] of m.entries()) h(1); // expect: lock-order-inversion
  for (const h of m.values()) h(1); // expect: lock-order-inversion
  m.get("t")!(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function arrayEntries(): void {
  const hs: H[] = [apScanHandler];
  lock(mdevsLock);
  for (const [, h] of hs.entries()) h(1); // expect: lock-order-inversion
  hs.filter((h) => h !== quiet).forEach((h) => h(1)); // expect: lock-order-inversion
  hs.find((h) => h !== quiet)?.(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

function runAll(...hs: H[]): void {
  for (const h of hs) h(1);
}

export function rest(): void {
  lock(mdevsLock);
  runAll(quiet, apScanHandler); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function bound(): void {
  lock(mdevsLock);
  apScanHandler.bind(null)(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

export function chainedSets(): void {
  const table = new Map<string, H>().set("cex", apScanHandler).set("quiet", quiet);
  lock(mdevsLock);
  table.get("cex")?.(1); // expect: lock-order-inversion
  unlock(mdevsLock);
}

// vfio_ap_mdev_resource_in_use() order (modelled): ap_perms_mutex, then matrix_dev->mdevs_lock
export function apPermsInUse(): void {
  lock(apPermsMutex);
  lock(mdevsLock); // expect: lock-order-inversion
  unlock(mdevsLock);
  unlock(apPermsMutex);
}
