/**
 * The interrupt states of docs/annotations.md#interrupt-contexts as numbers: a body's state relative
 * to its entry (IrqCode), the states a function can be entered in (EntryState), how the one resolves
 * against the other, and lockdep's usage bits with their names.
 *
 * Owns: these encodings and the few facts that go with them: which point is atomic, which usage
 * an acquisition or an enabling marks, which usages conflict (lockdep's exclusive bits).
 * Must not: walk, link or report anything; the flow walk and lockGraph/interrupts.ts use these.
 *
 * A body is walked once, whatever its callers: where it has not changed an interrupt's state that
 * part is IN (as on entry), otherwise OFF or ON. At link time each call's code resolves against
 * each state its caller is entered in (at most ENTRY_STATES of them), so that a callee is checked
 * per distinct entry state without walking it again.
 */
import type { IrqKind, UsageName } from "./model";

/** One interrupt's part of a body's state: as on entry, disabled, enabled. */
export const IN = 0;
export const OFF = 1;
export const ON = 2;
export type IrqPart = typeof IN | typeof OFF | typeof ON;

/** A body's interrupt state: hard part + 3 × softirq part (0: both as on entry). */
export type IrqCode = number;
export const AS_ON_ENTRY: IrqCode = 0;

export function irqCode(hard: IrqPart, soft: IrqPart): IrqCode {
  return hard + 3 * soft;
}
export function hardPart(code: IrqCode): IrqPart {
  return (code % 3) as IrqPart;
}
export function softPart(code: IrqCode): IrqPart {
  return ((code / 3) | 0) as IrqPart;
}

/** The context a function runs in: process, softirq or hardirq (an interrupt entry and what it calls). */
const PROCESS = 0;
const SOFTIRQ = 1;
const HARDIRQ = 2;
type Context = typeof PROCESS | typeof SOFTIRQ | typeof HARDIRQ;

/** A state a function is entered in: context × 4 + hard interrupts on × 2 + softirqs on. */
export type EntryState = number;
export const ENTRY_STATES = 12;
export function entryState(context: Context, hardOn: boolean, softOn: boolean): EntryState {
  return context * 4 + (hardOn ? 2 : 0) + (softOn ? 1 : 0);
}
function contextOf(s: EntryState): Context {
  return (s >> 2) as Context;
}
function hardOn(s: EntryState): boolean {
  return (s & 2) !== 0;
}
function softOn(s: EntryState): boolean {
  return (s & 1) !== 0;
}

/** Where a function nothing calls starts: process context, everything enabled. */
export const PROCESS_ENABLED = entryState(PROCESS, true, true);

/** Where an interrupt entry starts: a hardirq handler with hard interrupts off, a softirq with softirqs off. */
export function handlerEntry(kind: IrqKind): EntryState {
  return kind === "hardirq" ? entryState(HARDIRQ, false, false) : entryState(SOFTIRQ, true, false);
}

/** The state at a point of a body with code `code`, the body entered in `entry`. */
export function resolve(code: IrqCode, entry: EntryState): EntryState {
  const hard = hardPart(code);
  const soft = softPart(code);
  return entryState(contextOf(entry), hard === IN ? hardOn(entry) : hard === ON, soft === IN ? softOn(entry) : soft === ON);
}

/**
 * Why a point of a body is atomic by the body's own doing (it is an interrupt entry, or it
 * disabled interrupts itself), for sleep-in-atomic; undefined where only its callers can make it so.
 */
export function localAtomicCause(code: IrqCode, context: IrqKind | undefined): "hardirq" | "softirq" | "hardirqs-off" | "softirqs-off" | undefined {
  if (context) return context;
  if (hardPart(code) === OFF) return "hardirqs-off";
  if (softPart(code) === OFF) return "softirqs-off";
  return undefined;
}

// ---- lockdep's usage bits (research note 1.7) ----

/** A usage bit: interrupt (hardirq 0, softirq 4) + direction (in context 0, enabled 2) + read 1. */
export type Usage = number;
export const USAGES = 8;
const IRQ_STRIDE = 4;
const ENABLED = 2;
const READ = 1;

export function usageBit(irq: IrqKind, enabled: boolean, read: boolean): Usage {
  return (irq === "softirq" ? IRQ_STRIDE : 0) + (enabled ? ENABLED : 0) + (read ? READ : 0);
}
export function usageIrq(u: Usage): IrqKind {
  return u >= IRQ_STRIDE ? "softirq" : "hardirq";
}
export function isEnabledUsage(u: Usage): boolean {
  return (u & ENABLED) !== 0;
}
function isReadUsage(u: Usage): boolean {
  return (u & READ) !== 0;
}

/** `IN-HARDIRQ-W`, `SOFTIRQ-ON-R`: lockdep's names. */
export function usageName(u: Usage): UsageName {
  const irq = usageIrq(u) === "hardirq" ? "HARDIRQ" : "SOFTIRQ";
  const rw = isReadUsage(u) ? "R" : "W";
  return (isEnabledUsage(u) ? `${irq}-ON-${rw}` : `IN-${irq}-${rw}`) as UsageName;
}

/**
 * The usages an acquisition marks, as a bit mask (lockdep's mark_usage): in an interrupt context
 * its IN- usage (not for a trylock, which never waits), with hard interrupts on HARDIRQ-ON, with
 * softirqs on too SOFTIRQ-ON.
 */
export function acquisitionUsages(state: EntryState, read: boolean, trylock: boolean): number {
  let mask = 0;
  const context = contextOf(state);
  if (!trylock && context === HARDIRQ) mask |= 1 << usageBit("hardirq", false, read);
  if (!trylock && context === SOFTIRQ) mask |= 1 << usageBit("softirq", false, read);
  if (hardOn(state)) {
    mask |= 1 << usageBit("hardirq", true, read);
    if (softOn(state)) mask |= 1 << usageBit("softirq", true, read);
  }
  return mask;
}

/**
 * The usages a held lock gains where interrupts turn on (lockdep's mark_held_locks): from `from`
 * to `to`, for a lock acquired in `acquired`; only what it did not have at its acquisition.
 */
export function enablingUsages(from: EntryState, to: EntryState, acquired: EntryState, read: boolean): number {
  let mask = 0;
  const softOnAt = (s: EntryState) => hardOn(s) && softOn(s);
  if (hardOn(to) && !hardOn(from) && !hardOn(acquired)) mask |= 1 << usageBit("hardirq", true, read);
  if (softOnAt(to) && !softOnAt(from) && !softOnAt(acquired)) mask |= 1 << usageBit("softirq", true, read);
  return mask;
}

/**
 * The usages of the same interrupt that conflict with `u` (lockdep's exclusive_bit and the
 * read-in-write check): IN-W with ON-W and ON-R, IN-R with ON-W; never a read with a read.
 */
export function conflictsWith(u: Usage): number {
  const base = u & ~(ENABLED | READ);
  const opposite = base + (isEnabledUsage(u) ? 0 : ENABLED);
  return isReadUsage(u) ? 1 << opposite : (1 << opposite) | (1 << (opposite + READ));
}
