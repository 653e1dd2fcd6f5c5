// drivers/net/ethernet/realtek/8139too.c in a v3.x kernel (torvalds/linux, the file at commit
// 02b5a6031ba7: DEFINE_PCI_DEVICE_TABLE, u64_stats_fetch_begin_irq, __napi_complete): the RTL-8139
// driver and its two spinlocks, with the kernel's function names.
//   tp->lock     "Stop a shared interrupt from scavenging while we are": spin_lock() in the
//                interrupt handler rtl8139_interrupt() (hard interrupts are off there),
//                spin_lock_irqsave() in rtl8139_start_xmit() (ndo_start_xmit runs with softirqs
//                disabled in process context, in the NET_TX softirq, and from netpoll with
//                interrupts disabled), in the NAPI poll, in set_rx_mode, get_stats64 and close;
//                spin_lock_irq() in the tx timeout work, set_mac_address, ethtool and ioctl.
//   tp->rx_lock  the receive side: spin_lock() in the NAPI poll (the NET_RX softirq) and
//                spin_lock_bh() in the tx timeout work, a kworker since Francois Romieu's
//                "8139too: fix a TX timeout watchdog thread against NAPI softirq race" (v2.6.16,
//                LKML 20060131002418.GA917@electric-eye.fr.zoreil.com) moved it out of the
//                watchdog timer and made its spin_lock() a spin_lock_bh().
// Clean: hardirq-safe tp->lock is only taken with hard interrupts off, softirq-safe rx_lock only
// with softirqs off, and neither is held where interrupts are enabled again. (Ingo Molnar's 2006
// validator report on that thread, mca_lock -> xmit_lock -> tp->lock "softirq-unsafe", has no
// counterpart in lockdep's rules: every tp->lock acquisition disables hard interrupts.)
import { bh, defineLock, irq, irqsave, lock, unlock } from "lockorder";
import {
  EOPNOTSUPP, NETDEV_TX_OK, NetDevice, disableIrq, enableIrq, freeIrq, napiComplete, napiSchedule, netifNapiAdd,
  netifRunning, netifStopQueue, netifWakeQueue, requestIrq, rtnlMutex, scheduleDelayedWork,
  type DelayedWork, type EthtoolOps, type NapiStruct, type NetDeviceOps, type RtnlLinkStats64, type SkBuff,
} from "./netcore";

// spin_lock_init(&tp->lock) / spin_lock_init(&tp->rx_lock) in rtl8139_init_one(): one class each
export const tpLock = defineLock("rtl8139_private->lock", { kind: "spinlock" });
export const rxLock = defineLock("rtl8139_private->rx_lock", { kind: "spinlock" });

const NUM_TX_DESC = 4;
const TX_BUF_SIZE = 1536;
const ETH_ZLEN = 60;
const EINVAL = 22;
const IRQ_NONE = 0;
const IRQ_HANDLED = 1;

// registers and bits (enum RTL8139_registers, IntrStatusBits, ...)
const TxStatus0 = 0x10, ChipCmd = 0x37, IntrMask = 0x3c, IntrStatus = 0x3e, RxConfig = 0x44;
const RxMissed = 0x4c, Cfg9346 = 0x50, Config3 = 0x59, CSCR = 0x74, MAC0 = 0;
const PCIErr = 0x8000, PCSTimeout = 0x4000, RxFIFOOver = 0x40, RxUnderrun = 0x20, RxOverflow = 0x10;
const TxErr = 0x08, TxOK = 0x04, RxErr = 0x02, RxOK = 0x01;
const RxAckBits = RxFIFOOver | RxOverflow | RxOK;
const CSCR_LinkChangeBit = 0x0800;
const CmdRxEnb = 0x08, CmdTxEnb = 0x04, RxBufEmpty = 0x01;
const Cfg9346_Lock = 0x00, Cfg9346_Unlock = 0xc0;
const rtl8139IntrMask = PCIErr | PCSTimeout | RxUnderrun | RxOverflow | RxFIFOOver | TxErr | TxOK | RxErr | RxOK;
const rtl8139NorxIntrMask = PCIErr | PCSTimeout | RxUnderrun | TxErr | TxOK | RxErr;

// the chip's registers (RTL_R8/RTL_W8 ... on tp->mmio_addr)
class Mmio {
  private readonly regs = new Map<number, number>();
  r8(reg: number): number { return this.regs.get(reg) ?? 0; }
  r16(reg: number): number { return this.regs.get(reg) ?? 0; }
  r32(reg: number): number { return this.regs.get(reg) ?? 0; }
  w8(reg: number, val: number): void { this.regs.set(reg, val & 0xff); }
  w16(reg: number, val: number): void { this.regs.set(reg, val & 0xffff); }
  w32(reg: number, val: number): void { this.regs.set(reg, val >>> 0); }
}

interface PciDev {
  irq: number;
}

// struct rtl_extra_stats
class RtlExtraStats {
  earlyRx = 0;
  txBufMapped = 0;
  txTimeouts = 0;
  rxLostInRing = 0;
}

// struct rtl8139_private
class Rtl8139Private {
  readonly mmio = new Mmio();
  readonly napi: NapiStruct = { state: 0, weight: 0, dev: null, poll: null };
  curRx = 0;
  curTx = 0;
  dirtyTx = 0;
  txFlag = 0;
  rxConfig = 0;
  readonly txBuf: Uint8Array[] = [new Uint8Array(TX_BUF_SIZE), new Uint8Array(TX_BUF_SIZE), new Uint8Array(TX_BUF_SIZE), new Uint8Array(TX_BUF_SIZE)];
  readonly rxRing = new Uint8Array(32768);
  watchdogFired = false;
  haveThread = false;
  fifoCopyTimeout = 0;
  readonly xstats = new RtlExtraStats();
  readonly thread: DelayedWork = { func: null, pending: false };
  constructor(readonly dev: NetDevice, readonly pciDev: PciDev) {}
}

function netdevPriv(dev: NetDevice): Rtl8139Private {
  return dev.priv as Rtl8139Private;
}

const nextTick = 3 * 250;

// rtl8139_chip_reset()
function rtl8139ChipReset(io: Mmio): void {
  io.w8(ChipCmd, 0x10); // CmdReset
  for (let i = 1000; i > 0; i--) {
    if ((io.r8(ChipCmd) & 0x10) === 0) break;
  }
}

// __set_rx_mode(): the multicast filter ("not state sensitive and need not be SMP locked")
function setRxModeLocked(dev: NetDevice, tp: Rtl8139Private): void {
  const rxMode = 0x08 | 0x02; // AcceptBroadcast | AcceptMyPhys
  const tmp = 0xe70f | rxMode; // rtl8139_rx_config | rx_mode
  if (tp.rxConfig !== tmp) {
    tp.mmio.w32(RxConfig, tmp);
    tp.rxConfig = tmp;
  }
  void dev;
}

// rtl8139_set_rx_mode(): ndo_set_rx_mode, also called from rtl8139_hw_start()
function rtl8139SetRxMode(dev: NetDevice): void {
  const tp = netdevPriv(dev);
  lock(irqsave(tpLock));
  setRxModeLocked(dev, tp);
  unlock(irqsave(tpLock));
}

// rtl_check_media() -> mii_check_media(): reads the PHY, no lock
function rtlCheckMedia(dev: NetDevice, initMedia: number): void {
  void dev;
  void initMedia;
}

// rtl8139_hw_start(): "Start the hardware at open or resume"
function rtl8139HwStart(dev: NetDevice): void {
  const tp = netdevPriv(dev);
  const io = tp.mmio;
  rtl8139ChipReset(io);
  io.w8(Cfg9346, Cfg9346_Unlock);
  tp.curRx = 0;
  io.w8(ChipCmd, CmdRxEnb | CmdTxEnb);
  rtlCheckMedia(dev, 1);
  io.w8(Cfg9346, Cfg9346_Lock);
  io.w32(RxMissed, 0);
  rtl8139SetRxMode(dev);
  /* Enable all known interrupts by setting the interrupt mask. */
  io.w16(IntrMask, rtl8139IntrMask);
}

// rtl8139_init_ring()
function rtl8139InitRing(tp: Rtl8139Private): void {
  tp.curRx = 0;
  tp.curTx = 0;
  tp.dirtyTx = 0;
}

// rtl8139_tx_clear()
function rtl8139TxClear(tp: Rtl8139Private): void {
  tp.curTx = 0;
  tp.dirtyTx = 0;
  /* XXX account for unsent Tx packets in tp->stats.tx_dropped */
}

// rtl8139_start_thread()
function rtl8139StartThread(tp: Rtl8139Private): void {
  tp.haveThread = true;
  tp.watchdogFired = false;
  scheduleDelayedWork(tp.thread, nextTick);
}

// rtl8139_open(): ndo_open, under rtnl_lock()
function rtl8139Open(dev: NetDevice): number {
  const tp = netdevPriv(dev);
  const retval = requestIrq(tp.pciDev.irq, rtl8139Interrupt);
  if (retval) return retval;
  tp.napi.state = 0; // napi_enable()
  tp.txFlag = (256 << 11) & 0x003f0000;
  rtl8139InitRing(tp);
  rtl8139HwStart(dev);
  rtl8139StartThread(tp);
  return 0;
}

// rtl8139_thread_iter(): the media poll, no lock
function rtl8139ThreadIter(dev: NetDevice, tp: Rtl8139Private): void {
  rtlCheckMedia(dev, 0);
  void tp;
}

// rtl8139_tx_timeout_task(): the reset after a transmit timeout, in the kworker
function rtl8139TxTimeoutTask(work: DelayedWork, tp: Rtl8139Private): void {
  const dev = tp.dev;
  const io = tp.mmio;
  void work;
  tp.xstats.txTimeouts++;
  /* disable Tx ASAP, if not already */
  const tmp8 = io.r8(ChipCmd);
  if (tmp8 & CmdTxEnb) io.w8(ChipCmd, CmdRxEnb);

  lock(bh(rxLock)); // spin_lock_bh(&tp->rx_lock)
  /* Disable interrupts by clearing the interrupt mask. */
  io.w16(IntrMask, 0x0000);

  /* Stop a shared interrupt from scavenging while we are. */
  lock(irq(tpLock)); // spin_lock_irq(&tp->lock)
  rtl8139TxClear(tp);
  unlock(irq(tpLock)); // spin_unlock_irq(&tp->lock)

  /* ...and finally, reset everything */
  if (netifRunning(dev)) {
    rtl8139HwStart(dev);
    netifWakeQueue(dev);
  }
  unlock(bh(rxLock)); // spin_unlock_bh(&tp->rx_lock)
}

// rtl8139_thread(): the delayed work item, run by a kworker under rtnl_lock()
function rtl8139Thread(work: DelayedWork): void {
  const tp = threadOwners.get(work);
  if (!tp) return;
  const dev = tp.dev;
  const thrDelay = nextTick;
  lock(rtnlMutex); // rtnl_lock()
  out_unlock: {
    if (!netifRunning(dev)) break out_unlock;
    if (tp.watchdogFired) {
      tp.watchdogFired = false;
      rtl8139TxTimeoutTask(work, tp);
    } else {
      rtl8139ThreadIter(dev, tp);
    }
    if (tp.haveThread) scheduleDelayedWork(tp.thread, thrDelay);
  }
  unlock(rtnlMutex); // out_unlock: rtnl_unlock()
}

// container_of(work, struct rtl8139_private, thread.work)
const threadOwners = new Map<DelayedWork, Rtl8139Private>();

// rtl8139_tx_timeout(): ndo_tx_timeout, from dev_watchdog() (a timer softirq); defers to the kworker
function rtl8139TxTimeout(dev: NetDevice): void {
  const tp = netdevPriv(dev);
  tp.watchdogFired = true;
  if (!tp.haveThread) {
    tp.thread.func = rtl8139Thread; // INIT_DELAYED_WORK(&tp->thread, rtl8139_thread)
    scheduleDelayedWork(tp.thread, nextTick);
  }
}

// rtl8139_start_xmit(): ndo_start_xmit, called holding the queue's _xmit_lock
function rtl8139StartXmit(skb: SkBuff, dev: NetDevice): number {
  const tp = netdevPriv(dev);
  const io = tp.mmio;
  const len = skb.len;

  /* Calculate the next Tx descriptor entry. */
  const entry = tp.curTx % NUM_TX_DESC;

  /* Note: the chip doesn't have auto-pad! */
  if (len < TX_BUF_SIZE) {
    if (len < ETH_ZLEN) tp.txBuf[entry].fill(0, 0, ETH_ZLEN);
    tp.txBuf[entry].set(skb.data.subarray(0, len)); // skb_copy_and_csum_dev(); dev_kfree_skb_any()
  } else {
    dev.stats.txDropped++; // dev_kfree_skb_any(skb)
    return NETDEV_TX_OK;
  }

  lock(irqsave(tpLock)); // spin_lock_irqsave(&tp->lock, flags)
  /*
   * Writing to TxStatus triggers a DMA transfer of the data
   * copied to tp->tx_buf[entry] above.
   */
  io.w32(TxStatus0 + entry * 4, tp.txFlag | Math.max(len, ETH_ZLEN));
  tp.curTx++;
  if (tp.curTx - NUM_TX_DESC === tp.dirtyTx) netifStopQueue(dev);
  unlock(irqsave(tpLock)); // spin_unlock_irqrestore(&tp->lock, flags)

  return NETDEV_TX_OK;
}

// rtl8139_tx_interrupt(): reclaim sent descriptors, under tp->lock in the handler
function rtl8139TxInterrupt(dev: NetDevice, tp: Rtl8139Private): void {
  let dirtyTx = tp.dirtyTx;
  let txLeft = tp.curTx - dirtyTx;
  while (txLeft > 0) {
    const entry = dirtyTx % NUM_TX_DESC;
    const txstatus = tp.mmio.r32(TxStatus0 + entry * 4);
    if (!(txstatus & 0xe000)) break; /* It still hasn't been Txed */
    dirtyTx++;
    txLeft--;
  }
  if (tp.dirtyTx !== dirtyTx) {
    tp.dirtyTx = dirtyTx;
    netifWakeQueue(dev);
  }
}

// rtl8139_weird_interrupt(): error counters and link changes, under tp->lock in the handler
function rtl8139WeirdInterrupt(dev: NetDevice, tp: Rtl8139Private, status: number, linkChanged: number): void {
  dev.stats.rxMissedErrors += tp.mmio.r32(RxMissed);
  tp.mmio.w32(RxMissed, 0);
  if (status & RxUnderrun && linkChanged) rtlCheckMedia(dev, 0);
  if (status & (RxUnderrun | RxErr)) dev.stats.rxErrors++;
}

// rtl8139_interrupt(): "The interrupt handler does all of the Rx thread work and cleans up
// after the Tx thread." Registered with request_irq() in rtl8139_open().
/** @hardirq */
function rtl8139Interrupt(irqNo: number, devInstance: NetDevice): number {
  const dev = devInstance;
  const tp = netdevPriv(dev);
  const io = tp.mmio;
  let linkChanged = 0;
  let handled = 0;
  void irqNo;

  lock(tpLock); // spin_lock(&tp->lock)
  out: {
    const status = io.r16(IntrStatus);
    /* shared irq? */
    if ((status & rtl8139IntrMask) === 0) break out;
    handled = 1;
    /* h/w no longer present (hotplug?) or major error, bail */
    if (status === 0xffff) break out;
    /* close possible race's with dev_close */
    if (!netifRunning(dev)) {
      io.w16(IntrMask, 0);
      break out;
    }
    if (status & RxUnderrun) linkChanged = io.r16(CSCR) & CSCR_LinkChangeBit;
    const ackstat = status & ~(RxAckBits | TxErr);
    if (ackstat) io.w16(IntrStatus, ackstat);
    /* Receive packets are processed by poll routine. If not running start it now. */
    if (status & RxAckBits) {
      if ((tp.napi.state & 1) === 0) { // napi_schedule_prep()
        io.w16(IntrMask, rtl8139NorxIntrMask);
        napiSchedule(tp.napi); // __napi_schedule()
      }
    }
    /* Check uncommon events with one test. */
    if (status & (PCIErr | PCSTimeout | RxUnderrun | RxErr)) rtl8139WeirdInterrupt(dev, tp, status, linkChanged);
    if (status & (TxOK | TxErr)) {
      rtl8139TxInterrupt(dev, tp);
      if (status & TxErr) io.w16(IntrStatus, TxErr);
    }
  }
  unlock(tpLock); // out: spin_unlock(&tp->lock)
  return handled ? IRQ_HANDLED : IRQ_NONE;
}

// rtl8139_rx(): receive up to budget frames from the ring, under rx_lock in the poll
function rtl8139Rx(dev: NetDevice, tp: Rtl8139Private, budget: number): number {
  const io = tp.mmio;
  let received = 0;
  while (netifRunning(dev) && received < budget && (io.r8(ChipCmd) & RxBufEmpty) === 0) {
    const rxSize = io.r16(0x3a); // read size+status of next frame from DMA ring buffer
    /* Packet copy from FIFO still in progress. */
    if (rxSize === 0xfff0) {
      if (!tp.fifoCopyTimeout) tp.fifoCopyTimeout = 2;
      tp.xstats.earlyRx++;
      break;
    }
    tp.fifoCopyTimeout = 0;
    if (rxSize > 1540 || rxSize < 8) {
      dev.stats.rxErrors++; // rtl8139_rx_err()
      tp.xstats.rxLostInRing++;
      received = -1;
      break;
    }
    received++; // netif_receive_skb(skb)
    tp.curRx = (tp.curRx + rxSize + 4 + 3) & ~3;
  }
  return received;
}

// rtl8139_poll(): the NAPI poll, from net_rx_action() (the NET_RX softirq)
/** @softirq */
function rtl8139Poll(napi: NapiStruct, budget: number): number {
  const dev = napi.dev as NetDevice;
  const tp = netdevPriv(dev);
  const io = tp.mmio;
  let workDone = 0;

  lock(rxLock); // spin_lock(&tp->rx_lock)
  if (io.r16(IntrStatus) & RxAckBits) workDone += rtl8139Rx(dev, tp, budget);

  if (workDone < budget) {
    /*
     * Order is important since data can get interrupted
     * again when we think we are done.
     */
    lock(irqsave(tpLock)); // spin_lock_irqsave(&tp->lock, flags)
    napiComplete(napi); // __napi_complete(napi)
    io.w16(IntrMask, rtl8139IntrMask);
    unlock(irqsave(tpLock)); // spin_unlock_irqrestore(&tp->lock, flags)
  }
  unlock(rxLock); // spin_unlock(&tp->rx_lock)

  return workDone;
}

// rtl8139_poll_controller(): ndo_poll_controller, netpoll's "Polling receive" with interrupts
// disabled: calls the interrupt handler directly
function rtl8139PollController(dev: NetDevice): void {
  const tp = netdevPriv(dev);
  const irqNo = tp.pciDev.irq;
  disableIrq(irqNo);
  rtl8139Interrupt(irqNo, dev);
  enableIrq(irqNo);
}

// rtl8139_set_mac_address(): ndo_set_mac_address, under rtnl_lock()
function rtl8139SetMacAddress(dev: NetDevice, addr: Uint8Array): number {
  const tp = netdevPriv(dev);
  const io = tp.mmio;
  if (addr.length !== 6) return -99; // -EADDRNOTAVAIL
  lock(irq(tpLock)); // spin_lock_irq(&tp->lock)
  io.w8(Cfg9346, Cfg9346_Unlock);
  io.w32(MAC0 + 0, addr[0] | (addr[1] << 8) | (addr[2] << 16) | (addr[3] << 24));
  io.w32(MAC0 + 4, addr[4] | (addr[5] << 8));
  io.w8(Cfg9346, Cfg9346_Lock);
  unlock(irq(tpLock)); // spin_unlock_irq(&tp->lock)
  return 0;
}

// rtl8139_close(): ndo_stop, under rtnl_lock()
function rtl8139Close(dev: NetDevice): number {
  const tp = netdevPriv(dev);
  const io = tp.mmio;
  netifStopQueue(dev);
  tp.napi.state |= 2; // napi_disable(&tp->napi)

  lock(irqsave(tpLock)); // spin_lock_irqsave(&tp->lock, flags)
  /* Stop the chip's Tx and Rx DMA processes. */
  io.w8(ChipCmd, 0);
  /* Disable interrupts by clearing the interrupt mask. */
  io.w16(IntrMask, 0);
  /* Update the error counts. */
  dev.stats.rxMissedErrors += io.r32(RxMissed);
  io.w32(RxMissed, 0);
  unlock(irqsave(tpLock)); // spin_unlock_irqrestore(&tp->lock, flags)

  freeIrq(tp.pciDev.irq);
  rtl8139TxClear(tp);
  return 0;
}

// rtl8139_get_wol(): ethtool get_wol
function rtl8139GetWol(dev: NetDevice, wol: number[]): void {
  const tp = netdevPriv(dev);
  lock(irq(tpLock)); // spin_lock_irq(&tp->lock)
  wol.push(tp.mmio.r8(Config3));
  unlock(irq(tpLock)); // spin_unlock_irq(&tp->lock)
}

// rtl8139_get_settings(): ethtool get_settings, mii_ethtool_gset() under tp->lock
function rtl8139GetSettings(dev: NetDevice, cmd: number[]): number {
  const tp = netdevPriv(dev);
  lock(irq(tpLock)); // spin_lock_irq(&tp->lock)
  cmd.push(tp.mmio.r16(0x62)); // mii_ethtool_gset(&tp->mii, cmd)
  unlock(irq(tpLock)); // spin_unlock_irq(&tp->lock)
  return 0;
}

// rtl8139_get_regs(): ethtool get_regs
function rtl8139GetRegs(dev: NetDevice, regbuf: Uint8Array): void {
  const tp = netdevPriv(dev);
  lock(irq(tpLock)); // spin_lock_irq(&tp->lock)
  regbuf[0] = tp.mmio.r8(0); // memcpy_fromio(regbuf, tp->mmio_addr, regs->len)
  unlock(irq(tpLock)); // spin_unlock_irq(&tp->lock)
}

// rtl8139_get_ethtool_stats(): ethtool get_ethtool_stats, reads tp->xstats without a lock
function rtl8139GetEthtoolStats(dev: NetDevice, data: number[]): void {
  const tp = netdevPriv(dev);
  data[0] = tp.xstats.earlyRx;
  data[1] = tp.xstats.txBufMapped;
  data[2] = tp.xstats.txTimeouts;
  data[3] = tp.xstats.rxLostInRing;
}

// netdev_ioctl(): ndo_do_ioctl, generic_mii_ioctl() under tp->lock
function netdevIoctl(dev: NetDevice, cmd: number): number {
  const tp = netdevPriv(dev);
  if (!netifRunning(dev)) return -EINVAL;
  lock(irq(tpLock)); // spin_lock_irq(&tp->lock)
  const rc = cmd === 0x8947 ? tp.mmio.r16(0x64) : -EOPNOTSUPP; // generic_mii_ioctl()
  unlock(irq(tpLock)); // spin_unlock_irq(&tp->lock)
  return rc;
}

// rtl8139_get_stats64(): ndo_get_stats64
function rtl8139GetStats64(dev: NetDevice, stats: RtnlLinkStats64): RtnlLinkStats64 {
  const tp = netdevPriv(dev);
  if (netifRunning(dev)) {
    lock(irqsave(tpLock)); // spin_lock_irqsave(&tp->lock, flags)
    dev.stats.rxMissedErrors += tp.mmio.r32(RxMissed);
    tp.mmio.w32(RxMissed, 0);
    unlock(irqsave(tpLock)); // spin_unlock_irqrestore(&tp->lock, flags)
  }
  stats.rxMissedErrors = dev.stats.rxMissedErrors;
  return stats;
}

const rtl8139NetdevOps: NetDeviceOps = {
  ndoOpen: rtl8139Open,
  ndoStop: rtl8139Close,
  ndoGetStats64: rtl8139GetStats64,
  ndoSetMacAddress: rtl8139SetMacAddress,
  ndoStartXmit: rtl8139StartXmit,
  ndoSetRxMode: rtl8139SetRxMode,
  ndoDoIoctl: netdevIoctl,
  ndoTxTimeout: rtl8139TxTimeout,
  ndoPollController: rtl8139PollController,
};

const rtl8139EthtoolOps: EthtoolOps = {
  getSettings: rtl8139GetSettings,
  getRegs: rtl8139GetRegs,
  getWol: rtl8139GetWol,
  getEthtoolStats: rtl8139GetEthtoolStats,
};

// rtl8139_init_one(): the PCI probe
export function rtl8139InitOne(pdev: PciDev): NetDevice {
  const dev = new NetDevice(); // alloc_etherdev(sizeof(*tp))
  const tp = new Rtl8139Private(dev, pdev);
  dev.priv = tp;
  dev.netdevOps = rtl8139NetdevOps;
  dev.ethtoolOps = rtl8139EthtoolOps;
  netifNapiAdd(dev, tp.napi, rtl8139Poll, 64);
  tp.thread.func = rtl8139Thread; // INIT_DELAYED_WORK(&tp->thread, rtl8139_thread)
  threadOwners.set(tp.thread, tp);
  return dev; // register_netdev(dev)
}
