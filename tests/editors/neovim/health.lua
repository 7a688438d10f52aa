-- :checkhealth copydesk and setup{}'s notice, run as
--   nvim --headless -u tests/editors/neovim/health.lua
-- with COPYDESK_BIN and COPYDESK_PLUGIN. With a command that does not
-- exist, setup{} notifies that there is no binary and how to get one, and the
-- health check reports it as an error with the same advice; with the real
-- binary the health check reports its path and version.
local bin = assert(os.getenv('COPYDESK_BIN'), 'COPYDESK_BIN')
vim.opt.runtimepath:prepend(assert(os.getenv('COPYDESK_PLUGIN'), 'COPYDESK_PLUGIN'))
vim.o.swapfile = false
vim.o.shada = ''

local function say(...)
  io.stdout:write(table.concat({ ... }, ' ') .. '\n')
end

local function fail(message)
  say('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local notices = {}
vim.notify = function(message, level)
  notices[#notices + 1] = { message = message, level = level }
end

--- The report of :checkhealth copydesk, as the user reads it.
local function health()
  vim.cmd('checkhealth copydesk')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  return text
end

local function expect(text, pieces, what)
  for _, piece in ipairs(pieces) do
    if not text:find(piece, 1, true) then
      fail(('%s lacks %q:\n%s'):format(what, piece, text))
      return false
    end
  end
  return true
end

local function run()
  local missing = '/nonexistent/copydesk'
  require('copydesk').setup({ cmd = { missing, 'server' } })
  local notice = notices[1]
  if not notice or notice.level ~= vim.log.levels.WARN then
    return fail('setup{} with no binary gave no warning: ' .. vim.inspect(notices))
  end
  if not expect(notice.message, { missing, 'not found', 'cargo install --locked --path server', ':checkhealth copydesk' }, 'the notice') then
    return
  end
  say('setup{} without a binary notifies: ' .. notice.message)
  local report = health()
  if not expect(report, { 'ERROR', missing, 'cargo install --locked --path server', 'copydesk-linux-x64.vsix' }, ':checkhealth copydesk') then
    return
  end
  say(':checkhealth copydesk without a binary:\n' .. report:gsub('\n', '\n    '))

  require('copydesk').setup({ cmd = { bin, 'server' } })
  local version = vim.trim(vim.fn.system({ bin, '--version' }))
  report = health()
  if report:find('ERROR', 1, true) or not expect(report, { 'OK', bin, version }, ':checkhealth copydesk') then
    return fail(':checkhealth copydesk with the binary:\n' .. report)
  end
  say(':checkhealth copydesk with ' .. bin .. ':\n' .. report:gsub('\n', '\n    '))
  say('PASS')
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      local ran, err = pcall(run)
      if not ran then
        fail(tostring(err))
      end
    end)
  end,
})
