// Seed 000, decorator form: the vfio_ap side. The hook takes matrix_dev->lock; setting the KVM
// pointer takes matrix_dev->lock and then the hook rwsem for writing, the other order.
import { acquires, defineLock } from "lockorder";
import { crypto, hookRwsem } from "./kvm";

export const matrixDevLock = defineLock("matrix_dev->lock");

export class VfioApMdev {
  // vfio_ap_ops.c: handle_pqap(), the hook
  @acquires(matrixDevLock)
  handlePqap(_vcpu: number): number {
    return 0;
  }

  // vfio_ap_mdev_set_kvm(): installs the hook
  @acquires(matrixDevLock, hookRwsem) // expect: lock-order-inversion
  setKvm(): void {
    crypto.pqapHook = (vcpu) => this.handlePqap(vcpu);
  }
}
