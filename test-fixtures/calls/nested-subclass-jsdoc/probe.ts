import { lock, unlock } from "lockorder";
import { diskLock } from "./locks";

// A file that names no subclass: editing it alone re-summarises it alone.
export function probeDisk(): void {
  lock(diskLock);
  unlock(diskLock);
}
