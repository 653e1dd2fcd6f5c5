// Clang thread safety tests, group G: shared versus exclusive modes (rwsem readers are not
// recursive, rwlock readers are), mode changes modelled as release + acquire, `shared()` on a
// lock that has no read mode, and nested(L, n) subclasses. No rwlock is held while a sleeping
// lock is acquired; the only nested pair of different classes is mode.nest_mu -> mode.nest_mu/1.
import { defineLock, lock, nested, shared, unlock } from "lockorder";

declare function work(): void;

const semRead = defineLock("mode.sem_read", { kind: "rwsem" });
const rwRead = defineLock("mode.rw_read", { kind: "rwlock" });
const rwWriteRead = defineLock("mode.rw_write_read", { kind: "rwlock" });
const rwReadWrite = defineLock("mode.rw_read_write", { kind: "rwlock" });
const semWriteRead = defineLock("mode.sem_write_read", { kind: "rwsem" });
const semReadWrite = defineLock("mode.sem_read_write", { kind: "rwsem" });
const semDemote = defineLock("mode.sem_demote", { kind: "rwsem" });
const semReaders = defineLock("mode.sem_readers", { kind: "rwsem" });
const plainMu = defineLock("mode.plain_mu");
const nestMu = defineLock("mode.nest_mu");
const nestDupMu = defineLock("mode.nest_dup_mu");

// rwsem: a read nested in a read of the same rwsem is recursive (readers are not recursive)
function rwsem_read_read(): void {
  lock(shared(semRead));
  lock(shared(semRead)); // expect: recursive-lock
  unlock(shared(semRead));
}

// rwlock: a read nested in a read is a recursive read, allowed; each read is released once
function rwlock_read_read(): void {
  lock(shared(rwRead));
  lock(shared(rwRead));
  unlock(shared(rwRead));
  unlock(shared(rwRead));
}

// rwlock: a read nested in a write of the same lock deadlocks
function rwlock_write_read(): void {
  lock(rwWriteRead);
  lock(shared(rwWriteRead)); // expect: recursive-lock
  unlock(rwWriteRead);
}

// rwlock: a write nested in a read of the same lock deadlocks
function rwlock_read_write(): void {
  lock(shared(rwReadWrite));
  lock(rwReadWrite); // expect: recursive-lock
  unlock(shared(rwReadWrite));
}

// rwsem: a read nested in a write
function rwsem_write_read(): void {
  lock(semWriteRead);
  lock(shared(semWriteRead)); // expect: recursive-lock
  unlock(semWriteRead);
}

// rwsem: a write nested in a read
function rwsem_read_write(): void {
  lock(shared(semReadWrite));
  lock(semReadWrite); // expect: recursive-lock
  unlock(shared(semReadWrite));
}

// shared_fun_10/11 (shape): downgrade and upgrade as release + acquire
function rwsem_demote_and_upgrade(): void {
  lock(semDemote);
  work();
  unlock(semDemote);
  lock(shared(semDemote));
  work();
  unlock(shared(semDemote));
  lock(semDemote);
  unlock(semDemote);
}

// readers of an rwsem in sequence (not nested): clean
function rwsem_sequential_readers(): void {
  lock(shared(semReaders));
  unlock(shared(semReaders));
  lock(shared(semReaders));
  unlock(shared(semReaders));
}

// shared() on a mutex: the argument is invalid (no read mode); reported and skipped
function shared_on_mutex(): void {
  lock(shared(plainMu)); // expect: invalid-annotation
  work();
  unlock(shared(plainMu)); // expect: invalid-annotation
}

// nested(L, 1) is a separate class: acquiring it while L is held is not recursive
function nested_subclass(): void {
  lock(nestMu);
  lock(nested(nestMu, 1));
  unlock(nested(nestMu, 1));
  unlock(nestMu);
}

// the same subclass twice is recursive
function nested_same_subclass(): void {
  lock(nested(nestDupMu, 2));
  lock(nested(nestDupMu, 2)); // expect: recursive-lock
  unlock(nested(nestDupMu, 2));
}

export {
  rwsem_read_read, rwlock_read_read, rwlock_write_read, rwlock_read_write, rwsem_write_read,
  rwsem_read_write, rwsem_demote_and_upgrade, rwsem_sequential_readers, shared_on_mutex,
  nested_subclass, nested_same_subclass,
};
