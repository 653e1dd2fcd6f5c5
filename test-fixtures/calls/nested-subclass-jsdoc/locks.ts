// The lock classes of a block device driver: the whole disk's bd_mutex, and the partitions' taken
// as its subclass 1 (the kernel's mutex_lock_nested(&bdev->bd_mutex, 1) in __blkdev_get).
import { defineLock } from "lockorder";

export const bdevLock = defineLock("bdev->bd_mutex");
export const diskLock = defineLock("disk->open_mutex");
