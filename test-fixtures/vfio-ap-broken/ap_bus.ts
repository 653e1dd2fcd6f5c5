// The AP bus (drivers/s390/crypto/ap_bus.c) as far as the vfio_ap locking document (seed 002)
// needs it: ap_perms_mutex, the apmask/aqmask sysfs attributes that call the drivers' in-use
// callback holding it, ap_apqn_in_matrix_owned_by_def_drv() that takes it, and the driver callbacks
// for queue probe/remove, configuration changes and scan completion.
import { defineLock, lock, unlock } from "lockorder";

const EINVAL = 22;

// ap_perms_mutex: protects ap_perms (the apmask and aqmask attributes of /sys/bus/ap).
export const apPermsMutex = defineLock("ap_perms_mutex");

export interface ApQueue {
  readonly qid: number; // the APQN: card (APID) << 8 | domain (APQI)
}

export interface ApConfigInfo {
  apm: Set<number>;
  aqm: Set<number>;
  adm: Set<number>;
}

export function apqnCard(apqn: number): number {
  return (apqn >> 8) & 0xff;
}

export function apqnQueue(apqn: number): number {
  return apqn & 0xff;
}

// struct ap_driver: the callbacks a device driver registers with the AP bus
export interface ApDriver {
  readonly name: string;
  probe: (queue: ApQueue) => number;
  remove: (queue: ApQueue) => void;
  inUse?: (apm: ReadonlySet<number>, aqm: ReadonlySet<number>) => number;
  onConfigChanged?: (newInfo: ApConfigInfo, oldInfo: ApConfigInfo) => void;
  onScanComplete?: (newInfo: ApConfigInfo, oldInfo: ApConfigInfo) => void;
}

const apDrivers: ApDriver[] = [];
const boundQueues = new Map<number, { queue: ApQueue; drv: ApDriver }>();
let apConfig: ApConfigInfo = { apm: new Set(), aqm: new Set(), adm: new Set() };

// ap_perms: the adapters and domains reserved for the default (zcrypt) drivers
const apPerms = { apm: new Set<number>(), aqm: new Set<number>() };

export function apDriverRegister(drv: ApDriver): number {
  apDrivers.push(drv);
  return 0;
}

export function apQci(): ApConfigInfo {
  return { apm: new Set(apConfig.apm), aqm: new Set(apConfig.aqm), adm: new Set(apConfig.adm) };
}

function parseMask(buf: string): Set<number> | null {
  const ids = buf.split(",").map((s) => Number.parseInt(s, 0));
  if (ids.some((id) => !(id >= 0 && id <= 255))) return null;
  return new Set(ids);
}

// ap_apqn_in_matrix_owned_by_def_drv(): is any APQN of apm x aqm reserved for the default drivers?
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

// ap_device_probe() / ap_device_remove(): bind and unbind a queue device
export function apDeviceProbe(drv: ApDriver, queue: ApQueue): number {
  const rc = drv.probe(queue);
  if (!rc) boundQueues.set(queue.qid, { queue, drv });
  return rc;
}

export function apDeviceRemove(queue: ApQueue): void {
  const binding = boundQueues.get(queue.qid);
  if (!binding) return;
  binding.drv.remove(queue);
  boundQueues.delete(queue.qid);
}

// ap_bus_revise_bindings(): unbind the queues whose APQN is now reserved for the default drivers
function apBusReviseBindings(): void {
  for (const { queue } of [...boundQueues.values()]) {
    if (apPerms.apm.has(apqnCard(queue.qid)) && apPerms.aqm.has(apqnQueue(queue.qid))) {
      apDeviceRemove(queue);
    }
  }
}

// apmask_store(): /sys/bus/ap/apmask. Holding ap_perms_mutex, every driver's in-use callback
// checks that none of the adapters now reserved for the default drivers is in use.
export function apmaskStore(buf: string): number {
  const newApm = parseMask(buf);
  if (!newApm) return -EINVAL;
  let rc = 0;
  lock(apPermsMutex);
  const reserved = new Set([...newApm].filter((apid) => !apPerms.apm.has(apid)));
  for (const drv of apDrivers) {
    if (drv.inUse) {
      rc = drv.inUse(reserved, apPerms.aqm);
      if (rc) break;
    }
  }
  if (!rc) apPerms.apm = newApm;
  unlock(apPermsMutex);
  if (rc) return rc;
  apBusReviseBindings();
  return buf.length;
}

// aqmask_store(): /sys/bus/ap/aqmask, likewise for domains.
export function aqmaskStore(buf: string): number {
  const newAqm = parseMask(buf);
  if (!newAqm) return -EINVAL;
  let rc = 0;
  lock(apPermsMutex);
  const reserved = new Set([...newAqm].filter((apqi) => !apPerms.aqm.has(apqi)));
  for (const drv of apDrivers) {
    if (drv.inUse) {
      rc = drv.inUse(apPerms.apm, reserved);
      if (rc) break;
    }
  }
  if (!rc) apPerms.aqm = newAqm;
  unlock(apPermsMutex);
  if (rc) return rc;
  apBusReviseBindings();
  return buf.length;
}

// ap_scan_bus(): after a configuration change (SE or HMC), notify the drivers, bind the new queues
// and tell the drivers the scan is complete.
export function apScanBus(newInfo: ApConfigInfo, newQueues: readonly ApQueue[]): void {
  const oldInfo = apConfig;
  apConfig = newInfo;
  for (const drv of apDrivers) {
    if (drv.onConfigChanged) drv.onConfigChanged(newInfo, oldInfo);
  }
  for (const queue of newQueues) {
    for (const drv of apDrivers) {
      if (apDeviceProbe(drv, queue) === 0) break;
    }
  }
  for (const drv of apDrivers) {
    if (drv.onScanComplete) drv.onScanComplete(newInfo, oldInfo);
  }
}
