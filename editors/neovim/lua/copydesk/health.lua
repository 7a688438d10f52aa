-- :checkhealth copydesk — whether the plugin can run the server: Neovim's
-- version, the binary (found, answering `--version`), running clients; and,
-- when the binary is missing, how to get one.
local M = {}

local health = vim.health or require('health')
-- Neovim 0.8 and 0.9 name them report_*; 0.10 and later without the prefix.
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

--- How to get a copydesk binary (also shown by setup{} when there is none).
M.install_advice = {
  'Build and install it: `cargo install --locked --path server` in a copydesk checkout (Rust from https://rustup.rs).',
  'Or take the one inside the VS Code extension for your platform (a zip): '
    .. '`unzip -j copydesk-linux-x64.vsix extension/bin/copydesk -d ~/.local/bin`.',
  'Or point the plugin at a built binary: `require("copydesk").setup{ cmd = { "/path/to/copydesk", "server" } }`.',
}

--- The command the plugin starts: setup{}'s, else vim.lsp.config's (0.11+), else the default.
local function server_cmd()
  local copydesk = require('copydesk')
  if copydesk.options then
    return copydesk.options.cmd, 'setup{}'
  end
  if vim.fn.has('nvim-0.11') == 1 then
    local found, config = pcall(function()
      return vim.lsp.config.copydesk
    end)
    if found and config and type(config.cmd) == 'table' then
      return config.cmd, "vim.lsp.config('copydesk') (setup{} not called)"
    end
  end
  return copydesk.defaults.cmd, 'the default (setup{} not called)'
end

function M.check()
  start('copydesk')
  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.8') == 0 then
    error('Neovim ' .. version .. ': the plugin needs 0.8 or later (0.7: start the server with vim.lsp.start_client, see the README)')
    return
  end
  ok('Neovim ' .. version .. (vim.fn.has('nvim-0.11') == 1 and ' (vim.lsp.config)' or ' (vim.lsp.start)'))

  local cmd, from = server_cmd()
  local program = cmd[1]
  if vim.fn.executable(program) == 0 then
    error(('`%s` not found or not executable (the command from %s: %s)'):format(program, from, table.concat(cmd, ' ')),
      M.install_advice)
    return
  end
  local path = vim.fn.exepath(program)
  local answer = vim.fn.system({ program, '--version' })
  if vim.v.shell_error ~= 0 then
    error(('`%s --version` failed (exit %d): %s'):format(path, vim.v.shell_error, vim.trim(answer)), M.install_advice)
    return
  end
  ok(('%s: %s (the command from %s)'):format(path, vim.trim(answer), from))

  local clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)({ name = 'copydesk' })
  if #clients == 0 then
    info('no copydesk server running: it starts on a text or Markdown buffer')
  else
    ok(('%d copydesk server(s) running'):format(#clients))
  end
end

return M
