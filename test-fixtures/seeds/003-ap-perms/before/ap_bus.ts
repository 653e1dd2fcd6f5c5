// AP bus side of seed 003 (drivers/s390/crypto/ap_bus.c, 2020): ap_perms_mutex protects the
// apmask/aqmask attributes; apmask_store()/aqmask_store() call each driver's in_use callback, a
// function pointer in struct ap_driver, holding it; ap_apqn_in_matrix_owned_by_def_drv() takes it.
import { defineLock, lock, unlock } from "lockorder";

const EINVAL = 22;

export const apPermsMutex = defineLock("ap_perms_mutex");

// struct ap_driver
export interface ApDriver {
  readonly name: string;
  inUse?: (apm: ReadonlySet<number>, aqm: ReadonlySet<number>) => number;
}

const apDrivers: ApDriver[] = [];
const apPerms = { apm: new Set<number>(), aqm: new Set<number>() };

export function apDriverRegister(drv: ApDriver): number {
  apDrivers.push(drv);
  return 0;
}

function parseMask(buf: string): Set<number> | null {
  const ids = buf.split(",").map((s) => Number.parseInt(s, 0));
  if (ids.some((id) => !(id >= 0 && id <= 255))) return null;
  return new Set(ids);
}

// ap_apqn_in_matrix_owned_by_def_drv()
export function apApqnInMatrixOwnedByDefDrv(apm: ReadonlySet<number>, aqm: ReadonlySet<number>): boolean {
  let owned = false;
  lock(apPermsMutex);
  for (const apid of apm) {
    for (const apqi of aqm) {
      if (apPerms.apm.has(apid) && apPerms.aqm.has(apqi)) owned = true;
    }
  }
  unlock(apPermsMutex);
  return owned;
}

// apmask_store(): 1) takes ap_perms_mutex, 3) calls the in_use callbacks
export function apmaskStore(buf: string): number {
  const newApm = parseMask(buf);
  if (!newApm) return -EINVAL;
  let rc = 0;
  lock(apPermsMutex);
  const reserved = new Set([...newApm].filter((apid) => !apPerms.apm.has(apid)));
  for (const drv of apDrivers) {
    if (drv.inUse) {
      rc = drv.inUse(reserved, apPerms.aqm); // expect: lock-order-inversion
      if (rc) break;
    }
  }
  if (!rc) apPerms.apm = newApm;
  unlock(apPermsMutex);
  return rc ? rc : buf.length;
}

// aqmask_store(): likewise for domains
export function aqmaskStore(buf: string): number {
  const newAqm = parseMask(buf);
  if (!newAqm) return -EINVAL;
  let rc = 0;
  lock(apPermsMutex);
  const reserved = new Set([...newAqm].filter((apqi) => !apPerms.aqm.has(apqi)));
  for (const drv of apDrivers) {
    if (drv.inUse) {
      rc = drv.inUse(apPerms.apm, reserved); // expect: lock-order-inversion
      if (rc) break;
    }
  }
  if (!rc) apPerms.aqm = newAqm;
  unlock(apPermsMutex);
  return rc ? rc : buf.length;
}
