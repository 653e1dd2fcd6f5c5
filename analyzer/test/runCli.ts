/** Runs the CLI in this process (the same code path as the bin) and captures its output. */
import { main } from "../src/cli";
import { REPO_ROOT } from "./paths";

export async function runCli(args: string[], cwd = REPO_ROOT): Promise<{ status: number; stdout: string; stderr: string }> {
  const saved = process.cwd();
  process.chdir(cwd);
  let stdout = "";
  let stderr = "";
  try {
    const status = await main(args, { write: (t: string) => (stdout += t) }, { write: (t: string) => (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    process.chdir(saved);
  }
}
