// Robustness: this file does not parse (unclosed parameter list, dangling operator). It holds no
// lock operations, so the checker reports nothing here and must not stop.
export function vfioApProbe(apqn: number {
  return apqn +;
}
