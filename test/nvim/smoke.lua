-- Neovim as a real LSP client of dist/server.js (stdio). Run by test/lsp/neovim.test.ts on a copy of the e2e
-- fixture workspace (test/e2e/workspace):
--   nvim --headless --clean -n -i NONE -c 'luafile smoke.lua' <workspace>/db/migrations/20260108120000_add_shipments.sql
-- Env: SW_SERVER (dist/server.js), SW_ROOT (workspace root). Prints `ok`/`not ok` per check and a
-- `neovim: N passed, N failed` line; exits non-zero when a check failed.
local server = vim.env.SW_SERVER
local root = vim.env.SW_ROOT
local function out(s) io.stdout:write(s .. '\n') end

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('ok ' .. name)
  else
    failed = failed + 1
    out('not ok ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end
local function finish()
  out(string.format('neovim: %d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

-- `line:col-end_col rule`, 0-based as Neovim reports them, sorted.
local function describe(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'schemawise' then table.insert(list, string.format('%d:%d-%d %s', d.lnum, d.col, d.end_col, d.code)) end
  end
  table.sort(list)
  return table.concat(list, ', ')
end
-- Waits (on Neovim's event loop, up to the deadline) until the buffer's diagnostics read `expected`.
local function diagnostics_become(name, bufnr, expected)
  local ok = vim.wait(20000, function() return describe(bufnr) == expected end, 20)
  return check(name, ok, 'got [' .. describe(bufnr) .. '], expected [' .. expected .. ']')
end

local migration = vim.api.nvim_get_current_buf()
vim.bo[migration].filetype = 'sql'
local client_id = vim.lsp.start_client({ name = 'schemawise', cmd = { 'node', server, '--stdio' }, root_dir = root })
if not check('the server starts', client_id ~= nil) then finish() end
vim.lsp.buf_attach_client(migration, client_id)

diagnostics_become('diagnostics of the migration', migration, '2:2-10 unindexed-foreign-key, 8:0-12 blocking-index-creation')

-- Hover on the name of the index the migration creates.
local lines = vim.api.nvim_buf_get_lines(migration, 0, -1, false)
local hover = ''
for i, l in ipairs(lines) do
  local s = l:find('orders_placed_idx', 1, true)
  if s then
    local params = { textDocument = { uri = vim.uri_from_bufnr(migration) }, position = { line = i - 1, character = s + 2 } }
    for _, r in pairs(vim.lsp.buf_request_sync(migration, 'textDocument/hover', params, 5000) or {}) do
      if r.result then hover = hover .. vim.fn.json_encode(r.result.contents) end
    end
    break
  end
end
check('hover on an index', hover:find('**Index `orders_placed_idx`** on `orders (placed_at)`', 1, true) ~= nil, hover)

-- Code actions at the unindexed foreign key; the preferred one applied through the client.
local fk
for _, d in ipairs(vim.diagnostic.get(migration)) do if d.code == 'unindexed-foreign-key' then fk = d end end
local preferred
if fk then
  local range = { start = { line = fk.lnum, character = fk.col }, ['end'] = { line = fk.end_lnum, character = fk.end_col } }
  local lsp_diag = { range = range, message = fk.message, code = fk.code, source = fk.source, severity = fk.severity, data = fk.user_data and fk.user_data.lsp and fk.user_data.lsp.data }
  local params = { textDocument = { uri = vim.uri_from_bufnr(migration) }, range = range, context = { diagnostics = { lsp_diag } } }
  for _, r in pairs(vim.lsp.buf_request_sync(migration, 'textDocument/codeAction', params, 5000) or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.isPreferred and not preferred then preferred = a end
    end
  end
end
if check('a preferred quick-fix adds the index', preferred ~= nil and preferred.edit ~= nil and preferred.title == 'Add index on `shipments(order_id)`', preferred and preferred.title) then
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  check('the fix inserts the index after the table', vim.api.nvim_buf_get_lines(migration, 6, 7, false)[1] == 'CREATE INDEX shipments_order_id_idx ON shipments (order_id);', vim.api.nvim_buf_get_lines(migration, 6, 7, false)[1])
  diagnostics_become('the fixed finding goes away', migration, '9:0-12 blocking-index-creation')
end

-- A second file of the workspace, then an edit of its query that an index now serves.
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/queries/orders.sql'))
local queries = vim.api.nvim_get_current_buf()
vim.bo[queries].filetype = 'sql'
vim.lsp.buf_attach_client(queries, client_id)
if diagnostics_become('diagnostics of the queries file', queries, '4:25-34 query-without-index') then
  local row = 4
  local text = vim.api.nvim_buf_get_lines(queries, row, row + 1, false)[1]
  local s, e = text:find('carrier', text:find('WHERE', 1, true), true)
  vim.api.nvim_buf_set_text(queries, row, s - 1, row, e, { 'id' })
  diagnostics_become('an edit updates the diagnostics', queries, '')
end

vim.lsp.stop_client(client_id)
vim.wait(1000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish()
