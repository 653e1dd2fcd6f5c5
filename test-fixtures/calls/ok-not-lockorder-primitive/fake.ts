// Near miss: functions that are merely *named* lock/unlock but do not come from lockorder are
// ordinary (empty) functions with no lock effect.
import type { Lock } from "lockorder";

export function lock(_l: Lock): void {}
export function unlock(_l: Lock): void {}
