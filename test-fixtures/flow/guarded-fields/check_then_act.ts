// Seed 003: matrix_dev->lock is taken by trylock in assign_adapter_store and in
// vfio_ap_mdev_resource_in_use to avoid an ABBA deadlock with ap_perms_mutex. The
// check-then-act shape: the mdev's adapter mask is read under matrix_dev->lock, the lock is
// dropped, and the mask is written from the stale value. The trylock creates no edge into
// matrix_dev->lock, so ap_perms_mutex -> matrix_dev->lock is not a cycle here.
import { defineLock, guardedBy, lock, tryLock, unlock } from "lockorder";

const matrixDevLock = defineLock("matrix_dev->lock");
const apPermsMutex = defineLock("ap_perms_mutex");

const EBUSY = 16;
const EADDRINUSE = 98;

class MatrixMdevCfg {
  @guardedBy(matrixDevLock)
  apm = 0;
}

class ApBus {
  @guardedBy(apPermsMutex)
  apmask = 0;
}

// vfio_ap_mdev_resource_in_use: reads the assignment under matrix_dev->lock (by trylock)
function resourceInUse(m: MatrixMdevCfg, apm: number): number {
  if (!tryLock(matrixDevLock)) return -EBUSY;
  const inUse = (m.apm & apm) !== 0;
  unlock(matrixDevLock);
  return inUse ? -EADDRINUSE : 0;
}

// apmask_store: holds ap_perms_mutex while asking the driver whether the queues are in use
function apmaskStore(bus: ApBus, m: MatrixMdevCfg, newApm: number): number {
  lock(apPermsMutex);
  const rc = resourceInUse(m, newApm);
  if (rc === 0) bus.apmask = newApm;
  unlock(apPermsMutex);
  return rc;
}

// assign_adapter_store, racy: the mask is read under the lock and written after it was dropped
function assignAdapterStoreRacy(m: MatrixMdevCfg, apid: number): number {
  if (!tryLock(matrixDevLock)) return -EBUSY;
  const apm = m.apm;
  unlock(matrixDevLock);
  m.apm = apm | (1 << apid); // expect: guarded-access
  return 0;
}

// assign_adapter_store, fixed: read and write under one hold
function assignAdapterStore(m: MatrixMdevCfg, apid: number): number {
  if (!tryLock(matrixDevLock)) return -EBUSY;
  m.apm = m.apm | (1 << apid);
  unlock(matrixDevLock);
  return 0;
}

// the same check-then-act with the lock retaken for the write: every access is under the
// lock, so @guardedBy cannot see the race (no diagnostic; a known limit of field annotations)
function assignAdapterStoreRelock(m: MatrixMdevCfg, apid: number): number {
  lock(matrixDevLock);
  const apm = m.apm;
  unlock(matrixDevLock);
  lock(matrixDevLock);
  m.apm = apm | (1 << apid);
  unlock(matrixDevLock);
  return 0;
}

export { apmaskStore, assignAdapterStoreRacy, assignAdapterStore, assignAdapterStoreRelock };
