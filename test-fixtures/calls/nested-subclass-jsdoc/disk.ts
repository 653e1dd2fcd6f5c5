import { lock, unlock } from "lockorder";
import { bdevLock, diskLock } from "./locks";
import { openPartition } from "./partition";

// bd_mutex then its subclass through a call: no recursion (a separate class), but an edge.
export function openWholeDisk(): void {
  lock(bdevLock);
  openPartition();
  unlock(bdevLock);
}

// disk->open_mutex then the partition's bd_mutex/1, against rescanPartition's order.
export function openDisk(): void {
  lock(diskLock);
  openPartition(); // expect: lock-order-inversion
  unlock(diskLock);
}
