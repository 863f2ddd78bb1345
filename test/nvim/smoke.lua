-- Neovim as a real LSP client of dist/server.js (stdio). Run by test/lsp/neovim.test.ts:
--   nvim --headless --clean -n -i NONE -c 'luafile smoke.lua' <file.sql>
-- Env: SW_SERVER (dist/server.js), SW_ROOT (workspace root). Prints lines the test reads; exits 0 on success.
local server = vim.env.SW_SERVER
local root = vim.env.SW_ROOT
local file = vim.fn.expand('%:p')
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'sql'
local function out(s) io.stdout:write(s .. '\n') end
local function fail(msg) out('FAIL ' .. msg); vim.cmd('cquit 1') end

local client_id = vim.lsp.start_client({ name = 'schemawise', cmd = { 'node', server, '--stdio' }, root_dir = root })
if not client_id then fail('could not start the server') end
vim.lsp.buf_attach_client(bufnr, client_id)

local function by_code(code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == code then return d end end
end
if not vim.wait(20000, function() return by_code('unindexed-foreign-key') ~= nil end, 20) then fail('no unindexed-foreign-key diagnostic') end
local list = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(list, { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source })
end
table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.code < b.code) end)
out('DIAGNOSTICS ' .. vim.fn.json_encode(list))

-- Hover on the first index name of the file.
local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
for i, l in ipairs(lines) do
  local s = l:find('CREATE INDEX ', 1, true)
  if s then
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = i - 1, character = s + 13 } }
    local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000)
    for _, r in pairs(resp or {}) do out('HOVER ' .. vim.fn.json_encode(r.result and r.result.contents)) end
    break
  end
end

-- Code actions at the unindexed foreign key; apply the preferred one through the client.
local fk = by_code('unindexed-foreign-key')
local ctx = { diagnostics = { { range = { start = { line = fk.lnum, character = fk.col }, ['end'] = { line = fk.end_lnum, character = fk.end_col } }, message = fk.message, code = fk.code, source = fk.source, severity = fk.severity, data = fk.user_data and fk.user_data.lsp and fk.user_data.lsp.data } } }
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = ctx.diagnostics[1].range, context = ctx }
local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000)
local preferred
for _, r in pairs(resp or {}) do
  for _, a in ipairs(r.result or {}) do
    out('ACTION ' .. a.title .. (a.isPreferred and ' (preferred)' or ''))
    if a.isPreferred and not preferred then preferred = a end
  end
end
if not preferred or not preferred.edit then fail('no preferred code action with an edit') end
local before = #vim.diagnostic.get(bufnr)
vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
if not vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == before - 1 end, 20) then fail('the fix did not remove the finding') end
local added = ''
for _, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do if l:find('shipment_lines_order_id_product_id_idx', 1, true) then added = l end end
out('AFTER FIX ' .. #vim.diagnostic.get(bufnr) .. ' diagnostics; added: ' .. added)
out('1 passed, 0 failed')
vim.lsp.stop_client(client_id)
vim.wait(1000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qall!')
