// Robustness: this file does not parse (unclosed parameter list, dangling operator). The checker
// must not stop: it reports that the file was analysed only as far as the compiler recovers it.
export function vfioApProbe(apqn: number { // expect: analysis-incomplete
  return apqn +;
}
