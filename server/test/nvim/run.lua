-- Neovim (0.7+) as a second real LSP client: start lockorder-server on a model file, wait for
-- its pushed diagnostics, ask for a hover at the first one, and write what it saw as JSON.
local file = os.getenv("LOCKORDER_FILE")
local root = os.getenv("LOCKORDER_ROOT")
local server = os.getenv("LOCKORDER_SERVER")
local out = os.getenv("LOCKORDER_OUT")
local result = { diagnostics = {}, hover = nil, error = nil }

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = "lockorder", cmd = { "node", server, "--stdio" }, root_dir = root })
  vim.lsp.buf_attach_client(buf, id)
  vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { line = d.lnum + 1, code = d.code or lsp.code, source = d.source, message = d.message })
  end
  local first = vim.diagnostic.get(buf)[1]
  if first then
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = first.lnum, character = first.col + 1 } }
    local responses = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 15000) or {}
    for _, response in pairs(responses) do
      if response.result and response.result.contents then result.hover = response.result.contents.value end
    end
  end
end)
if not ok then result.error = tostring(err) end
finish()
