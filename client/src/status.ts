/**
 * The language status item: locks, cycles and the last analysis time, red when there is a
 * possible deadlock; it opens the lock graph.
 *
 * Owns: that item. Must not: talk to the server.
 */
import * as vscode from "vscode";

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem("lockorder.status", [{ language: "typescript" }, { language: "typescriptreact" }]);

  constructor() {
    this.item.name = "Lockorder";
    this.item.command = { title: "Show Lock Graph", command: "lockorder.showLockGraph" };
  }

  starting(): void {
    this.item.text = "Lockorder: starting…";
    this.item.busy = true;
  }

  update(s: { locks: number; cycles: number; errors: number; warnings: number; milliseconds: number; files: number }): void {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    this.item.busy = false;
    this.item.text = `Lockorder: ${plural(s.locks, "lock")}, ${plural(s.cycles, "cycle")}`;
    this.item.detail = `${plural(s.files, "file")} analysed in ${s.milliseconds} ms · ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}`;
    this.item.severity = s.cycles > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}
