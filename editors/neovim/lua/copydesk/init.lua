-- copydesk for Neovim: starts `copydesk server` for text and Markdown buffers
-- and adds :CopydeskFixAll and :CopydeskReflow.
--
--   require('copydesk').setup {
--     cmd = { 'copydesk', 'server' },          -- or { '/path/to/copydesk', 'server' }
--     filetypes = { 'text', 'markdown', 'html' },
--     rules = { ['broken-wrap'] = 'off', ['cjk-space'] = 'error' },
--     register = nil,                           -- a copydesk.toml; default: found upward
--   }
--
-- Neovim 0.11 and later: registered with vim.lsp.config and vim.lsp.enable.
-- Neovim 0.8 to 0.10: started with vim.lsp.start on each FileType event.
-- :checkhealth copydesk says whether the binary is found (lua/copydesk/health.lua).
local M = {}

M.defaults = {
  cmd = { 'copydesk', 'server' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'copydesk.toml', '.git' },
  rules = {},
  register = nil,
  on_attach = nil,
  capabilities = nil,
  -- For tests: use the 0.8–0.10 path (vim.lsp.start) even on 0.11+.
  legacy = false,
}


--- The server's settings (server/src/lsp/config.rs).
function M.server_settings(opts)
  local languages = {}
  for _, ft in ipairs(opts.filetypes) do
    languages[#languages + 1] = ft == 'text' and 'plaintext' or ft
  end
  local settings = { rules = vim.empty_dict and vim.empty_dict() or {}, languages = languages }
  for id, level in pairs(opts.rules or {}) do
    settings.rules[id] = level
  end
  if opts.register then
    settings.register = vim.fn.expand(opts.register)
  end
  return settings
end

--- The table for vim.lsp.config / vim.lsp.start.
function M.client_config(opts)
  local settings = M.server_settings(opts)
  return {
    name = 'copydesk',
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = settings,
    settings = { copydesk = settings },
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

local function root_dir(buf, markers)
  local name = vim.api.nvim_buf_get_name(buf)
  local start = name ~= '' and vim.fs.dirname(name) or vim.loop.cwd()
  local found = vim.fs.find(markers, { path = start, upward = true })[1]
  return found and vim.fs.dirname(found) or start
end

--- Runs a document-wide code action of the server (kind: source.fixAll.copydesk …).
function M.document_action(kind)
  vim.lsp.buf.code_action({
    context = { only = { kind }, diagnostics = {} },
    filter = function(action)
      return action.kind == kind
    end,
    apply = true,
  })
end

--- The options of the last setup{} (nil before it), for :checkhealth.
M.options = nil

function M.setup(user)
  local opts = vim.tbl_deep_extend('force', {}, M.defaults, user or {})
  if vim.fn.has('nvim-0.8') == 0 then
    vim.notify('copydesk: needs Neovim 0.8 or later', vim.log.levels.ERROR)
    return
  end
  M.options = opts
  if vim.fn.executable(opts.cmd[1]) == 0 then
    local advice = require('copydesk.health').install_advice
    vim.notify('copydesk: `' .. opts.cmd[1] .. '` not found, so no diagnostics. '
      .. table.concat(advice, ' ') .. ' See :checkhealth copydesk.', vim.log.levels.WARN)
  end
  local config = M.client_config(opts)
  if vim.fn.has('nvim-0.11') == 1 and not opts.legacy then
    vim.lsp.config('copydesk', config)
    vim.lsp.enable('copydesk')
  else
    config.root_markers = nil
    vim.api.nvim_create_autocmd('FileType', {
      group = vim.api.nvim_create_augroup('copydesk', { clear = true }),
      pattern = opts.filetypes,
      callback = function(event)
        local buf_config = vim.deepcopy(config)
        buf_config.root_dir = root_dir(event.buf, opts.root_markers)
        vim.lsp.start(buf_config, { bufnr = event.buf })
      end,
    })
  end
  vim.api.nvim_create_user_command('CopydeskFixAll', function()
    M.document_action('source.fixAll.copydesk')
  end, { desc = 'copydesk: every safe fix in this buffer' })
  vim.api.nvim_create_user_command('CopydeskReflow', function()
    M.document_action('source.reflow.copydesk')
  end, { desc = 'copydesk: join every paragraph broken by hard wraps' })
end

return M
