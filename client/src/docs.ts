/**
 * The documentation the extension ships (docs/diagnostics.md and docs/annotations.md), opened
 * rendered: VS Code's Markdown preview, scrolled to the section. A diagnostic's code links to it
 * with the extension's own URI, `<uriScheme>://lockorder.lockorder-vscode/docs/diagnostics.md#<code>`
 * (the server is given the base, `docsBase`, in its initialization options), which the URI
 * handler here opens; `lockorder.openDocs` opens a page at a section from a command.
 *
 * Owns: that URI and opening a page at a section. Must not: talk to the server, or open anything
 * but the shipped pages.
 */
import * as vscode from "vscode";

/** The pages the extension ships (client/esbuild.mjs copies them from docs/). */
const PAGES = ["diagnostics.md", "annotations.md"] as const;
type Page = (typeof PAGES)[number];

/** The base of the documentation's URIs, a folder: `vscode://lockorder.lockorder-vscode/docs/` in VS Code. */
export function docsBase(context: vscode.ExtensionContext): string {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: context.extension.id, path: "/docs/" }).toString();
}

/** Opens a shipped page in the Markdown preview at a heading's anchor (`lock-order-inversion`), or at its top. */
export async function openDocs(context: vscode.ExtensionContext, page: string, fragment = ""): Promise<void> {
  if (!(PAGES as readonly string[]).includes(page)) throw new Error(`Lockorder has no documentation page ${page}`);
  const file = vscode.Uri.joinPath(context.extensionUri, "docs", page as Page).with({ fragment: /^[\w-]*$/.test(fragment) ? fragment : "" });
  // The preview scrolls to the element whose id is the fragment (a heading's slug).
  await vscode.commands.executeCommand("markdown.showPreview", file);
}

/** The URI handler, and the command `lockorder.openDocs(page, anchor)` (walkthrough and links in Markdown). */
export function registerDocs(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerUriHandler(new DocsUriHandler(context)),
    vscode.commands.registerCommand("lockorder.openDocs", (page = "diagnostics.md", fragment?: string) => openDocs(context, page, fragment)),
  );
}

/** `<uriScheme>://lockorder.lockorder-vscode/docs/<page>#<anchor>`: the page's section. */
export class DocsUriHandler implements vscode.UriHandler {
  constructor(private readonly context: vscode.ExtensionContext) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    const page = /^\/docs\/([\w-]+\.md)$/.exec(uri.path)?.[1];
    if (page && (PAGES as readonly string[]).includes(page)) await openDocs(this.context, page, uri.fragment);
    else void vscode.window.showWarningMessage(`Lockorder cannot open ${uri.toString(true)}: it opens only its documentation (docs/diagnostics.md, docs/annotations.md).`);
  }
}
