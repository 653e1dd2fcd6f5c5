// SPEC 4.2 expression forms, part 3: template literals. The `${…}` parts run in order, so a lock
// taken inside one is held after it (and a tagged template's parts run before the tag is called).
import { defineLock, lock, unlock } from "lockorder";

declare function tag(strings: TemplateStringsArray, ...values: unknown[]): string;

const tplHeld = defineLock("st.template_held");
const tplTagged = defineLock("st.template_tagged");
const tplA = defineLock("st.template_a");
const tplB = defineLock("st.template_b");

// Taken in a template's part, released after it: no unlock-not-held.
export function takenInTemplate(): string {
  const s = `state: ${lock(tplHeld)}`;
  unlock(tplHeld);
  return s;
}

export function takenInTaggedTemplate(): string {
  const s = tag`state: ${lock(tplTagged)}`;
  unlock(tplTagged);
  return s;
}

// An acquisition in a template's part orders after what is held.
export function aThenB(): string {
  lock(tplA);
  const s = `${lock(tplB)}`; // expect: lock-order-inversion
  unlock(tplB);
  unlock(tplA);
  return s;
}

export function bThenA(): void {
  lock(tplB);
  lock(tplA); // expect: lock-order-inversion
  unlock(tplA);
  unlock(tplB);
}
