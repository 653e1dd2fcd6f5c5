// drivers/s390/crypto/vfio_ap_drv.c: the AP bus driver of vfio_ap, whose callbacks are function
// pointers the AP bus calls (seed 002), and the module initialisation.
import { apDriverRegister, apQci, type ApDriver } from "./ap_bus";
import { mdevRegisterDriver } from "./vfio";
import {
  VfioApBusCallbacks,
  vfioApMatrixDriver,
  vfioApMdevProbeQueue,
  vfioApMdevRemoveQueue,
  vfioApMdevResourceInUse,
} from "./vfio_ap_ops";
import { matrixDev } from "./vfio_ap_private";

export const vfioApDrv: ApDriver = {
  name: "vfio_ap",
  probe: vfioApMdevProbeQueue,
  remove: vfioApMdevRemoveQueue,
  inUse: vfioApMdevResourceInUse,
  onConfigChanged: VfioApBusCallbacks.onCfgChanged,
  onScanComplete: VfioApBusCallbacks.onScanComplete,
};

// vfio_ap_init()
export function vfioApInit(): number {
  matrixDev.config = apQci();
  const ret = apDriverRegister(vfioApDrv);
  if (ret) return ret;
  return mdevRegisterDriver(vfioApMatrixDriver);
}
