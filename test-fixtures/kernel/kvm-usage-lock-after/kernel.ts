// The core kernel pieces of the splat: CPU hotplug states (kernel/cpu.c), static keys
// (kernel/jump_label.c) and module parameters (kernel/params.c). Each stores callbacks that
// drivers pass in and calls them later through a function pointer.
import { lock, shared, unlock } from "lockorder";
import { cpuHotplugLock, jumpLabelMutex, paramLock } from "./locks";

const EPERM = 1;

// struct cpuhp_step: the startup/teardown callbacks of one hotplug state
interface CpuhpStep {
  name: string;
  startup: ((cpu: number) => number) | null;
  teardown: ((cpu: number) => number) | null;
}

const cpuhpHpStates: CpuhpStep[] = [];

// cpuhp_setup_state_nocalls() -> __cpuhp_setup_state() -> cpuhp_store_callbacks()
export function cpuhpSetupStateNocalls(state: number, name: string, startup: (cpu: number) => number, teardown: (cpu: number) => number): number {
  const sp: CpuhpStep = { name, startup: null, teardown: null };
  sp.startup = startup;
  sp.teardown = teardown;
  cpuhpHpStates[state] = sp;
  return 0;
}

// cpuhp_invoke_callback(): "cb = bringup ? step->startup.single : step->teardown.single;
// if (!cb) return 0;"
function cpuhpInvokeCallback(cpu: number, state: number, bringup: boolean): number {
  const step = cpuhpHpStates[state];
  const cb = bringup ? step.startup : step.teardown;
  if (!cb) return 0;
  return cb(cpu);
}

// _cpu_up() / _cpu_down(): the controlling task holds cpu_hotplug_lock for write while the
// hotplug thread of the CPU runs the state callbacks (lockdep ties them through the cpuhp_state
// maps; the model calls them directly).
export function cpuUp(cpu: number): number {
  let ret = 0;
  lock(cpuHotplugLock); // cpus_write_lock()
  for (let state = 0; state < cpuhpHpStates.length && !ret; state++) {
    if (cpuhpHpStates[state]) ret = cpuhpInvokeCallback(cpu, state, true);
  }
  unlock(cpuHotplugLock); // cpus_write_unlock()
  return ret;
}

export function cpuDown(cpu: number): number {
  let ret = 0;
  lock(cpuHotplugLock);
  for (let state = cpuhpHpStates.length - 1; state >= 0 && !ret; state--) {
    if (cpuhpHpStates[state]) ret = cpuhpInvokeCallback(cpu, state, false);
  }
  unlock(cpuHotplugLock);
  return ret;
}

// static_key_slow_inc(): cpus_read_lock(); static_key_slow_inc_cpuslocked(); cpus_read_unlock();
export function staticKeySlowInc(key: { enabled: number }): void {
  lock(shared(cpuHotplugLock));
  if (key.enabled++ === 0) {
    lock(jumpLabelMutex); // jump_label_lock()
    // jump_label_update(key)
    unlock(jumpLabelMutex);
  }
  unlock(shared(cpuHotplugLock));
}

// struct kernel_param_ops / struct kernel_param
export interface KernelParamOps {
  set?: (val: string, kp: KernelParam) => number;
  get?: (kp: KernelParam) => string;
}

export interface KernelParam {
  name: string;
  ops: KernelParamOps;
}

// param_attr_store(): writing /sys/module/<mod>/parameters/<name>
export function paramAttrStore(param: KernelParam, buf: string): number {
  if (!param.ops.set) return -EPERM;
  lock(paramLock); // kernel_param_lock(mk->mod)
  const err = param.ops.set(buf, param);
  unlock(paramLock);
  return err ? err : buf.length;
}
