-- The Neovim end-to-end test, run as
--   nvim --headless -u tests/editors/neovim/init.lua FILE
-- with COPYDESK_BIN (the binary), COPYDESK_PLUGIN (editors/neovim),
-- COPYDESK_MODE (config: setup{} through vim.lsp.config/enable, 0.11+;
-- start: setup{legacy=true}, the vim.lsp.start path of 0.8–0.10;
-- start_client: no plugin, vim.lsp.start_client as 0.7 has it) and
-- COPYDESK_EXPECTED (the file as it must be after the fix); with the plugin,
-- COPYDESK_PAGE (a copy of the seed page) and COPYDESK_PAGE_FIXED, for
-- :CopydeskFixAll.
--
-- FILE has one finding: the half-width comma after `𠮷野家的老板说` on line 3.
-- The test waits for its diagnostic, checks its line and column (bytes in
-- vim.diagnostic; the negotiated encoding in the protocol), asks the server
-- for a code action there, applies it, writes the file and compares its bytes.
local bin = assert(os.getenv('COPYDESK_BIN'), 'COPYDESK_BIN')
local mode = os.getenv('COPYDESK_MODE') or 'config'
local expected_path = assert(os.getenv('COPYDESK_EXPECTED'), 'COPYDESK_EXPECTED')
local plugin = os.getenv('COPYDESK_PLUGIN')

local function say(...)
  io.stdout:write(table.concat({ ... }, ' ') .. '\n')
end

local function fail(message)
  say('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

vim.o.swapfile = false
vim.o.shada = ''

if mode == 'start_client' then
  vim.api.nvim_create_autocmd('FileType', {
    pattern = { 'text', 'markdown' },
    callback = function()
      local buf = vim.api.nvim_get_current_buf()
      local id = vim.lsp.start_client({
        name = 'copydesk',
        cmd = { bin, 'server' },
        root_dir = vim.fn.getcwd(),
        init_options = { rules = vim.empty_dict() },
      })
      vim.lsp.buf_attach_client(buf, id)
    end,
  })
else
  vim.opt.runtimepath:prepend(assert(plugin, 'COPYDESK_PLUGIN'))
  require('copydesk').setup({ cmd = { bin, 'server' }, legacy = mode == 'start' })
end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local data = f:read('*a')
  f:close()
  return data
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(buf)
  say('nvim ' .. tostring(vim.version and vim.version() and (vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch)) .. ', mode ' .. mode .. ', filetype ' .. vim.bo.filetype)

  local client
  local found
  local ok = vim.wait(20000, function()
    client = (vim.lsp.get_clients or vim.lsp.get_active_clients)({ bufnr = buf })[1]
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == 'halfwidth-punctuation' then
        found = d
      end
    end
    return found ~= nil
  end, 50)
  if not ok then
    return fail('no halfwidth-punctuation diagnostic within 20 s (client attached: ' .. tostring(client ~= nil) .. ')')
  end
  local encoding = client.offset_encoding
  say('server attached, position encoding ' .. tostring(encoding))
  -- vim.diagnostic counts bytes from 0: 𠮷 is 4 bytes, 野家的老板说 18.
  if found.lnum ~= 2 or found.col ~= 22 or found.end_col ~= 23 then
    return fail(('diagnostic at %d:%d-%d, expected 2:22-23 (0-based, bytes)'):format(found.lnum, found.col, found.end_col or -1))
  end
  say(('diagnostic: %s at line %d, byte column %d: %s'):format(code_of(found), found.lnum + 1, found.col + 1, found.message))

  -- The same finding in the protocol's unit: UTF-8 bytes, UTF-16 units (𠮷 is a
  -- surrogate pair: 2 units) or code points.
  local uri = vim.uri_from_bufnr(buf)
  local want = ({ ['utf-8'] = 22, ['utf-16'] = 8, ['utf-32'] = 7 })[encoding]
  local pulled = vim.lsp.buf_request_sync(buf, 'textDocument/diagnostic', { textDocument = { uri = uri } }, 10000)
  local raw
  for _, response in pairs(pulled or {}) do
    for _, item in ipairs(response.result and response.result.items or {}) do
      if item.code == 'halfwidth-punctuation' then
        raw = item
      end
    end
  end
  if not raw then
    return fail('textDocument/diagnostic did not return the finding')
  end
  if raw.range.start.line ~= 2 or raw.range.start.character ~= want then
    return fail(('protocol position %d:%d, expected 2:%d in %s'):format(raw.range.start.line, raw.range.start.character, want, encoding))
  end
  say(('protocol position: line %d character %d (%s)'):format(raw.range.start.line, raw.range.start.character, encoding))

  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = raw.range,
    context = { diagnostics = { raw }, only = { 'quickfix' } },
  }, 10000)
  local action
  for _, response in pairs(responses or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.kind == 'quickfix' and a.edit and not action then
        action = a
      end
    end
  end
  if not action then
    return fail('no quick fix for the finding: ' .. vim.inspect(responses))
  end
  say('code action: ' .. action.title)
  vim.lsp.util.apply_workspace_edit(action.edit, encoding)
  -- The edit reaches the server as an incremental didChange in the same
  -- unit; the finding must go away.
  if not vim.wait(10000, function()
    return #vim.diagnostic.get(buf) == 0
  end, 50) then
    return fail('diagnostics left after the fix: ' .. vim.inspect(vim.diagnostic.get(buf)))
  end
  say('after the edit (didChange): no diagnostics left')
  vim.cmd('silent write')

  local got, expected = read(path), read(expected_path)
  if got ~= expected then
    return fail('file after the fix differs from the expected:\n' .. got .. '\n---\n' .. expected)
  end
  say('file on disk after :write matches the expected bytes')

  -- The plugin's :CopydeskFixAll (source.fixAll.copydesk) on the seed page.
  local page = os.getenv('COPYDESK_PAGE')
  if page and mode ~= 'start_client' then
    vim.cmd('edit ' .. vim.fn.fnameescape(page))
    local pbuf = vim.api.nvim_get_current_buf()
    if not vim.wait(20000, function()
      return #vim.diagnostic.get(pbuf) > 0
    end, 50) then
      return fail('no diagnostics on the seed page within 20 s')
    end
    local before = vim.api.nvim_buf_get_changedtick(pbuf)
    vim.cmd('CopydeskFixAll')
    if not vim.wait(20000, function()
      return vim.api.nvim_buf_get_changedtick(pbuf) ~= before
    end, 50) then
      return fail(':CopydeskFixAll changed nothing within 20 s')
    end
    vim.cmd('silent write')
    if read(page) ~= read(assert(os.getenv('COPYDESK_PAGE_FIXED'))) then
      return fail(':CopydeskFixAll + :write did not give news-page.fixed.txt')
    end
    say(':CopydeskFixAll on the seed page + :write: the file equals news-page.fixed.txt')
  end
  say('PASS')
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then
        fail(tostring(err))
      end
    end)
  end,
})
