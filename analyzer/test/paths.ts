/** Where the repository and its fixtures are, for the analyzer's tests. */
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../../..");
export const FIXTURES = path.join(REPO_ROOT, "test-fixtures");
