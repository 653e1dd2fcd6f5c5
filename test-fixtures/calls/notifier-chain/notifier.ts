// Blocking notifier chains (kernel/notifier.c): blocking_notifier_call_chain() holds the head's
// rwsem for read while notifier_call_chain() walks the chain calling each nb->notifier_call;
// blocking_notifier_chain_register() takes the rwsem for write to link a block in. The chain is
// modelled as an array, and a second head as a Set, walked with for…of and with forEach.
import { defineLock, lock, shared, unlock } from "lockorder";

const NOTIFY_DONE = 0;
const NOTIFY_STOP_MASK = 0x8000;

// struct notifier_block
export interface NotifierBlock {
  notifierCall: (nb: NotifierBlock, action: number, data: unknown) => number;
  priority?: number;
}

// struct blocking_notifier_head, its chain an array
export class BlockingNotifierHead {
  readonly chain: NotifierBlock[] = [];
}

// (module_notify_list).rwsem
export const moduleNotifyRwsem = defineLock("(module_notify_list).rwsem", { kind: "rwsem" });

export const moduleNotifyList = new BlockingNotifierHead();

// blocking_notifier_chain_register()
export function blockingNotifierChainRegister(nh: BlockingNotifierHead, n: NotifierBlock): number {
  lock(moduleNotifyRwsem);
  nh.chain.push(n);
  nh.chain.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  unlock(moduleNotifyRwsem);
  return 0;
}

// notifier_call_chain()
function notifierCallChain(nh: BlockingNotifierHead, val: number, v: unknown): number {
  let ret = NOTIFY_DONE;
  for (const nb of nh.chain) {
    ret = nb.notifierCall(nb, val, v);
    if (ret & NOTIFY_STOP_MASK) break;
  }
  return ret;
}

// blocking_notifier_call_chain()
export function blockingNotifierCallChain(nh: BlockingNotifierHead, val: number, v: unknown): number {
  lock(shared(moduleNotifyRwsem));
  const ret = notifierCallChain(nh, val, v); // expect: lock-order-inversion
  unlock(shared(moduleNotifyRwsem));
  return ret;
}

// A raw chain (struct raw_notifier_head) kept as a Set, under the caller's own lock: the
// reboot notifiers (kernel/reboot.c, modelled) called with forEach holding system_transition_mutex.
export const systemTransitionMutex = defineLock("system_transition_mutex");

export const rebootNotifierList = new Set<NotifierBlock>();

// register_reboot_notifier()
export function registerRebootNotifier(nb: NotifierBlock): void {
  rebootNotifierList.add(nb);
}

// kernel_restart_prepare() under system_transition_mutex (reboot(2))
export function kernelRestart(): void {
  lock(systemTransitionMutex);
  rebootNotifierList.forEach((nb) => nb.notifierCall(nb, 1, null)); // expect: lock-order-inversion
  unlock(systemTransitionMutex);
}
