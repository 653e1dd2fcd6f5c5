// The kernel around a network driver's ops in the same v3.x kernels: the callers that give
// 8139too's functions their contexts, simplified (each function names its kernel source):
//   net/core/dev.c           __dev_queue_xmit() (rcu_read_lock_bh, then HARD_TX_LOCK),
//                            net_tx_action() and net_rx_action() (the NET_TX / NET_RX softirqs),
//                            dev_set_rx_mode() (netif_addr_lock_bh), dev_open(), dev_close(),
//                            dev_ioctl(), dev_set_mac_address(), dev_get_stats()
//   net/sched/sch_generic.c  sch_direct_xmit() (HARD_TX_LOCK around dev_hard_start_xmit),
//                            dev_watchdog() (the per-device tx timeout timer, netif_tx_lock)
//   net/core/ethtool.c       dev_ethtool() (under rtnl_lock, from dev_ioctl(SIOCETHTOOL))
//   net/core/netpoll.c       netpoll_send_skb_on_dev() (local_irq_save, __netif_tx_trylock) and
//                            netpoll_poll_dev() (ndo_poll_controller)
//   kernel/workqueue.c       process_one_work();  kernel/irq/manage.c  request_irq()
// Not modelled: the qdisc root lock and busylock (__dev_xmit_skb is taken straight to
// sch_direct_xmit), the protocol stack behind netif_receive_skb(), napi->poll_lock.
import { bh, defineLock, localBhDisable, localBhEnable, localIrqRestore, localIrqSave, lock, tryLock, unlock } from "lockorder";

export const NETDEV_TX_OK = 0;
export const NETDEV_TX_BUSY = 16;
export const EOPNOTSUPP = 95;
const IFF_UP = 1;

// netdev_queue->_xmit_lock: __netif_tx_lock(), HARD_TX_LOCK(); one class for every queue
export const xmitLock = defineLock("netdev_queue->_xmit_lock", { kind: "spinlock" });
// net_device->tx_global_lock: netif_tx_lock()
export const txGlobalLock = defineLock("net_device->tx_global_lock", { kind: "spinlock" });
// net_device->addr_list_lock: netif_addr_lock_bh()
export const addrListLock = defineLock("net_device->addr_list_lock", { kind: "spinlock" });
// rtnl_mutex: rtnl_lock()
export const rtnlMutex = defineLock("rtnl_mutex");

export interface SkBuff {
  len: number;
  data: Uint8Array;
  dev: NetDevice;
}

export interface RtnlLinkStats64 {
  rxPackets: number;
  txPackets: number;
  rxMissedErrors: number;
}

// struct net_device_ops (the members 8139too sets)
export interface NetDeviceOps {
  ndoOpen: (dev: NetDevice) => number;
  ndoStop: (dev: NetDevice) => number;
  ndoStartXmit: (skb: SkBuff, dev: NetDevice) => number;
  ndoSetRxMode?: (dev: NetDevice) => void;
  ndoSetMacAddress?: (dev: NetDevice, addr: Uint8Array) => number;
  ndoDoIoctl?: (dev: NetDevice, cmd: number) => number;
  ndoTxTimeout?: (dev: NetDevice) => void;
  ndoGetStats64?: (dev: NetDevice, stats: RtnlLinkStats64) => RtnlLinkStats64;
  ndoPollController?: (dev: NetDevice) => void;
}

// struct ethtool_ops (the members this model calls)
export interface EthtoolOps {
  getSettings?: (dev: NetDevice, cmd: number[]) => number;
  getWol?: (dev: NetDevice, wol: number[]) => void;
  getRegs?: (dev: NetDevice, regbuf: Uint8Array) => void;
  getEthtoolStats?: (dev: NetDevice, data: number[]) => void;
}

// struct napi_struct
export interface NapiStruct {
  state: number;
  weight: number;
  dev: NetDevice | null;
  poll: ((napi: NapiStruct, budget: number) => number) | null;
}

export class NetDevice {
  flags = 0;
  queueStopped = false;
  name = "eth0";
  priv: unknown = null; // netdev_priv()
  netdevOps!: NetDeviceOps;
  ethtoolOps!: EthtoolOps;
  readonly stats = { txDropped: 0, rxErrors: 0, rxMissedErrors: 0, txErrors: 0 };
  readonly napiList: NapiStruct[] = [];
}

// per-CPU softnet_data: the device queues to run and the NAPI instances to poll
const softnetData = { outputQueue: [] as SkBuff[], pollList: [] as NapiStruct[] };

export function netifRunning(dev: NetDevice): boolean {
  return (dev.flags & IFF_UP) !== 0;
}

// netif_stop_queue() / netif_wake_queue(): queue state bits (the wake raises NET_TX)
export function netifStopQueue(dev: NetDevice): void {
  dev.queueStopped = true;
}

export function netifWakeQueue(dev: NetDevice): void {
  dev.queueStopped = false;
}

// netif_napi_add(): the driver's poll function, called by net_rx_action()
export function netifNapiAdd(dev: NetDevice, napi: NapiStruct, poll: (napi: NapiStruct, budget: number) => number, weight: number): void {
  napi.dev = dev;
  napi.poll = poll;
  napi.weight = weight;
  dev.napiList.push(napi);
}

// __napi_schedule(): queue the instance for the NET_RX softirq (from the interrupt handler)
export function napiSchedule(napi: NapiStruct): void {
  napi.state |= 1;
  softnetData.pollList.push(napi);
}

// __napi_complete()
export function napiComplete(napi: NapiStruct): void {
  softnetData.pollList.splice(softnetData.pollList.indexOf(napi), 1);
  napi.state &= ~1;
}

// ---- transmit ----

// dev_hard_start_xmit(): hands the skb to the driver
function devHardStartXmit(skb: SkBuff, dev: NetDevice): number {
  return dev.netdevOps.ndoStartXmit(skb, dev);
}

// sch_direct_xmit(): HARD_TX_LOCK around dev_hard_start_xmit(); its callers run with softirqs
// disabled (rcu_read_lock_bh() in __dev_queue_xmit) or in the NET_TX softirq
export function schDirectXmit(skb: SkBuff, dev: NetDevice): number {
  lock(xmitLock); // HARD_TX_LOCK(dev, txq, smp_processor_id())
  const ret = devHardStartXmit(skb, dev);
  unlock(xmitLock); // HARD_TX_UNLOCK(dev, txq)
  return ret;
}

// __dev_queue_xmit(): the stack's transmit entry, in process context (a socket's sendmsg)
export function devQueueXmit(skb: SkBuff): number {
  localBhDisable(); // rcu_read_lock_bh()
  const rc = schDirectXmit(skb, skb.dev); // __dev_xmit_skb() -> sch_direct_xmit()
  localBhEnable(); // rcu_read_unlock_bh()
  return rc;
}

// net_tx_action(), the NET_TX softirq: qdisc_run() -> qdisc_restart() -> sch_direct_xmit()
/** @softirq */
export function netTxAction(): void {
  for (const skb of softnetData.outputQueue.splice(0)) {
    schDirectXmit(skb, skb.dev);
  }
}

// dev_watchdog(), the per-device timer (a softirq): ndo_tx_timeout under netif_tx_lock()
/** @softirq */
export function devWatchdog(dev: NetDevice, timedOut: boolean): void {
  lock(txGlobalLock); // netif_tx_lock(dev): spin_lock(&dev->tx_global_lock), then each queue:
  lock(xmitLock); //   __netif_tx_lock(txq); netif_tx_freeze_queue(txq); __netif_tx_unlock(txq)
  unlock(xmitLock);
  if (netifRunning(dev) && timedOut) {
    dev.netdevOps.ndoTxTimeout?.(dev);
  }
  unlock(txGlobalLock); // netif_tx_unlock(dev)
}

// ---- receive ----

// net_rx_action(), the NET_RX softirq: each scheduled NAPI instance's poll
/** @softirq */
export function netRxAction(): void {
  let budget = 300; // netdev_budget
  for (const n of [...softnetData.pollList]) {
    const work = n.poll ? n.poll(n, n.weight) : 0;
    budget -= work;
    if (budget <= 0) break;
  }
}

// ---- control paths ----

// dev_set_rx_mode(): netif_addr_lock_bh(dev); __dev_set_rx_mode(dev); netif_addr_unlock_bh(dev)
export function devSetRxMode(dev: NetDevice): void {
  lock(bh(addrListLock));
  dev.netdevOps.ndoSetRxMode?.(dev); // __dev_set_rx_mode()
  unlock(bh(addrListLock));
}

// dev_ioctl(SIOCSIFFLAGS, IFF_UP) -> dev_change_flags() -> __dev_open(), under rtnl_lock()
export function devOpen(dev: NetDevice): number {
  lock(rtnlMutex);
  const ret = dev.netdevOps.ndoOpen(dev);
  if (ret === 0) {
    dev.flags |= IFF_UP;
    devSetRxMode(dev);
  }
  unlock(rtnlMutex);
  return ret;
}

// dev_ioctl(SIOCSIFFLAGS, ~IFF_UP) -> __dev_close(), under rtnl_lock()
export function devClose(dev: NetDevice): void {
  lock(rtnlMutex);
  dev.flags &= ~IFF_UP;
  dev.netdevOps.ndoStop(dev);
  unlock(rtnlMutex);
}

// dev_ioctl(SIOCSIFHWADDR) -> dev_set_mac_address(), under rtnl_lock()
export function devSetMacAddress(dev: NetDevice, addr: Uint8Array): number {
  lock(rtnlMutex);
  const ret = dev.netdevOps.ndoSetMacAddress ? dev.netdevOps.ndoSetMacAddress(dev, addr) : -EOPNOTSUPP;
  unlock(rtnlMutex);
  return ret;
}

// dev_ioctl(SIOCGMIIREG, ...) -> dev_ifsioc() -> ndo_do_ioctl, under rtnl_lock()
export function devIoctl(dev: NetDevice, cmd: number): number {
  lock(rtnlMutex);
  const ret = dev.netdevOps.ndoDoIoctl ? dev.netdevOps.ndoDoIoctl(dev, cmd) : -EOPNOTSUPP;
  unlock(rtnlMutex);
  return ret;
}

// dev_ioctl(SIOCETHTOOL) -> dev_ethtool(), under rtnl_lock()
export function devEthtool(dev: NetDevice, ethcmd: "gset" | "gwol" | "gregs" | "gstats"): number {
  const ops = dev.ethtoolOps;
  let rc = -EOPNOTSUPP;
  lock(rtnlMutex);
  switch (ethcmd) {
    case "gset":
      if (ops.getSettings) rc = ops.getSettings(dev, []);
      break;
    case "gwol":
      ops.getWol?.(dev, []);
      rc = 0;
      break;
    case "gregs":
      ops.getRegs?.(dev, new Uint8Array(256));
      rc = 0;
      break;
    case "gstats":
      ops.getEthtoolStats?.(dev, []);
      rc = 0;
      break;
  }
  unlock(rtnlMutex);
  return rc;
}

// dev_get_stats(), e.g. from dev_seq_show() (/proc/net/dev, under rcu_read_lock)
export function devGetStats(dev: NetDevice): RtnlLinkStats64 {
  const storage: RtnlLinkStats64 = { rxPackets: 0, txPackets: 0, rxMissedErrors: 0 };
  return dev.netdevOps.ndoGetStats64 ? dev.netdevOps.ndoGetStats64(dev, storage) : storage;
}

// ---- netpoll (netconsole) ----

// netpoll_poll_dev(): "Process pending work on NIC"
function netpollPollDev(dev: NetDevice): void {
  dev.netdevOps.ndoPollController?.(dev);
}

// netpoll_send_skb_on_dev(): netconsole's transmit, from any context (printk), with interrupts
// disabled around the driver's ndo_start_xmit
export function netpollSendSkb(dev: NetDevice, skb: SkBuff): void {
  let status = NETDEV_TX_BUSY;
  const flags = localIrqSave(); // local_irq_save(flags)
  for (let tries = 20; tries > 0; --tries) { // "try until next clock tick"
    if (tryLock(xmitLock)) { // __netif_tx_trylock(txq)
      status = dev.netdevOps.ndoStartXmit(skb, dev); // netpoll_start_xmit()
      unlock(xmitLock); // __netif_tx_unlock(txq)
      if (status === NETDEV_TX_OK) break;
    }
    netpollPollDev(dev); // "tickle device maybe there is some cleanup"
  }
  localIrqRestore(flags); // local_irq_restore(flags)
}

// ---- workqueues and interrupt lines ----

// struct delayed_work
export interface DelayedWork {
  func: ((work: DelayedWork) => void) | null;
  pending: boolean;
}

// schedule_delayed_work()
export function scheduleDelayedWork(work: DelayedWork, _delay: number): boolean {
  const queued = !work.pending;
  work.pending = true;
  return queued;
}

// process_one_work(): a kworker runs the item in process context
export function processOneWork(work: DelayedWork): void {
  work.pending = false;
  work.func?.(work);
}

export type IrqHandler = (irq: number, devId: NetDevice) => number;
const irqActions = new Map<number, IrqHandler>();

// request_irq() / free_irq(): the handler runs in hardirq context; it is marked @hardirq itself
export function requestIrq(irq: number, handler: IrqHandler): number {
  irqActions.set(irq, handler);
  return 0;
}

export function freeIrq(irq: number): void {
  irqActions.delete(irq);
}

// disable_irq() / enable_irq() mask the device's interrupt line; local interrupts stay as they are
export function disableIrq(_irq: number): void {}
export function enableIrq(_irq: number): void {}
