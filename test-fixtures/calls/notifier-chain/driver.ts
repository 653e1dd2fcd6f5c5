// A driver with notifier blocks on both chains (modelled on the pattern lockdep reports for module
// notifiers): its callbacks take drv->lock, and it registers its module notifier holding drv->lock,
// so drv->lock -> (module_notify_list).rwsem meets the chain's rwsem -> drv->lock. Its reboot
// notifier's callback takes drv->lock under system_transition_mutex, and its shutdown path takes
// system_transition_mutex holding drv->lock.
import { defineLock, lock, unlock } from "lockorder";
import { blockingNotifierChainRegister, moduleNotifyList, registerRebootNotifier, systemTransitionMutex, type NotifierBlock } from "./notifier";

export const drvLock = defineLock("drv->lock");

function drvModuleNotify(_nb: NotifierBlock, _action: number, _data: unknown): number {
  lock(drvLock);
  unlock(drvLock);
  return 0;
}

function drvRebootNotify(_nb: NotifierBlock, _action: number, _data: unknown): number {
  lock(drvLock);
  unlock(drvLock);
  return 0;
}

export function drvInit(): void {
  lock(drvLock);
  blockingNotifierChainRegister(moduleNotifyList, { notifierCall: drvModuleNotify }); // expect: lock-order-inversion
  registerRebootNotifier({ notifierCall: drvRebootNotify, priority: 1 });
  unlock(drvLock);
}

export function drvShutdown(): void {
  lock(drvLock);
  lock(systemTransitionMutex); // expect: lock-order-inversion
  unlock(systemTransitionMutex);
  unlock(drvLock);
}
