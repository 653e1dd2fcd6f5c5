// kernel/notifier.c: blocking notifier chains. The chain is walked holding nh->rwsem for read,
// and each block's notifier_call is called through its function pointer.
import { defineLock, lock, shared, unlock } from "lockorder";

export const NOTIFY_DONE = 0x0000;
export const NOTIFY_OK = 0x0001;
const NOTIFY_STOP_MASK = 0x8000;

// struct notifier_block
export interface NotifierBlock {
  notifierCall: ((nb: NotifierBlock, action: number, data: unknown) => number) | null;
  next: NotifierBlock | null;
  priority: number;
}

// nh->rwsem: BLOCKING_INIT_NOTIFIER_HEAD(&group->notifier) in vfio_create_group() gives every
// vfio group's chain the one rwsem class of that init site (the only chain of this model)
export const groupNotifierRwsem = defineLock("group->notifier.rwsem", { kind: "rwsem" });

// struct blocking_notifier_head
export class BlockingNotifierHead {
  head: NotifierBlock | null = null;
}

// notifier_chain_register()
function notifierChainRegister(nh: BlockingNotifierHead, n: NotifierBlock): number {
  let nl: { next: NotifierBlock | null } = { next: nh.head };
  const first = nl;
  while (nl.next) {
    if (n.priority > nl.next.priority) break;
    nl = nl.next;
  }
  n.next = nl.next;
  if (nl === first) nh.head = n;
  else (nl as NotifierBlock).next = n;
  return 0;
}

// notifier_call_chain(): "nb = rcu_dereference_raw(*nl); while (nb && nr_to_call) { ... }"
function notifierCallChain(nh: BlockingNotifierHead, val: number, v: unknown): number {
  let ret = NOTIFY_DONE;
  let nb = nh.head;
  while (nb) {
    const nextNb = nb.next;
    if (nb.notifierCall) ret = nb.notifierCall(nb, val, v);
    if (ret & NOTIFY_STOP_MASK) break;
    nb = nextNb;
  }
  return ret;
}

// blocking_notifier_chain_register(): down_write(&nh->rwsem)
export function blockingNotifierChainRegister(nh: BlockingNotifierHead, n: NotifierBlock): number {
  lock(groupNotifierRwsem);
  const ret = notifierChainRegister(nh, n);
  unlock(groupNotifierRwsem);
  return ret;
}

// blocking_notifier_call_chain(): "We check the head outside the lock, but if this access is
// racy then it does not matter what the result of the test is, we re-check the list after
// having taken the lock anyway"
export function blockingNotifierCallChain(nh: BlockingNotifierHead, val: number, v: unknown): number {
  let ret = NOTIFY_DONE;
  if (nh.head) {
    lock(shared(groupNotifierRwsem)); // down_read(&nh->rwsem)
    ret = notifierCallChain(nh, val, v);
    unlock(shared(groupNotifierRwsem));
  }
  return ret;
}
