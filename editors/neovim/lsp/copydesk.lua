-- The copydesk language server for Neovim 0.11+ (`vim.lsp.config`): with this
-- plugin on 'runtimepath', `vim.lsp.enable('copydesk')` is enough. Settings
-- (see server/src/lsp/config.rs) go in `init_options` and `settings`:
--
--   vim.lsp.config('copydesk', { init_options = { rules = { ['broken-wrap'] = 'off' } } })
--
-- or through require('copydesk').setup{ rules = { ... } }.
return {
  cmd = { 'copydesk', 'server' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'copydesk.toml', '.git' },
  init_options = {},
  settings = {},
}
