// Locks for the JSDoc model; jsdoc.ts refers to them through named, aliased and namespace
// imports.
import { defineLock } from "lockorder";

export const kvmLock = defineLock("jsdoc.kvm_lock");
export const cfgSem = defineLock("jsdoc.cfg_sem", { kind: "rwsem" });
export const reqLock = defineLock("jsdoc.req_lock");
export const retLock = defineLock("jsdoc.ret_lock");
export const relLock = defineLock("jsdoc.rel_lock");
export const exLock = defineLock("jsdoc.ex_lock");
export const tryLk = defineLock("jsdoc.try_lock");
export const noLk = defineLock("jsdoc.no_analysis_lock");
export const nlReq = defineLock("jsdoc.no_analysis_req");
export const eqLock = defineLock("jsdoc.eq_lock");
export const strLock = defineLock("jsdoc.str_lock");
export const nsLock = defineLock("jsdoc.ns_lock");
export const aliasTarget = defineLock("jsdoc.alias_lock");
export const plainLock = defineLock("jsdoc.plain_lock");
export const partialLock = defineLock("jsdoc.partial_lock");
