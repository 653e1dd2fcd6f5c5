// Robustness: this file does not parse (unclosed parameter list, dangling operator). The checker
// must not stop: it reports that the file was analysed only as far as the compiler recovers it.
// It imports lockorder, so that it belongs to the model in the editor too.
import { lock } from "lockorder";
export function vfioApProbe(apqn: number { // expect: analysis-incomplete
  return apqn +;
}
