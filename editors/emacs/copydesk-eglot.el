;;; copydesk-eglot.el --- copydesk's language server in Eglot  -*- lexical-binding: t -*-
;;
;; Put in your init file (Emacs 28 with the eglot package, or Emacs 29+
;; where Eglot is built in), or load this file:
;;
;;   (load "/path/to/copydesk/editors/emacs/copydesk-eglot.el")
;;
;; Then M-x eglot in a text or Markdown buffer, or let the hooks below start
;; it.  Settings go in the initializationOptions (see server/src/lsp/config.rs);
;; M-x eglot-code-action-quickfix applies a finding's fix, and
;; M-x copydesk-fix-all every safe fix of the buffer.

(require 'eglot)

(defvar copydesk-program "copydesk"
  "The copydesk binary (`cargo install --locked --path server').")

(defvar copydesk-initialization-options '(:rules (:cjk-space "warning"))
  "Settings for the server, e.g. (:rules (:broken-wrap \"off\")).")

(add-to-list 'eglot-server-programs
             `((text-mode markdown-mode gfm-mode)
               . ,(lambda (&rest _)
                    (list copydesk-program "server"
                          :initializationOptions copydesk-initialization-options))))

(add-hook 'text-mode-hook #'eglot-ensure)

(defun copydesk-fix-all ()
  "Apply every safe fix copydesk has for this buffer (`source.fixAll.copydesk')."
  (interactive)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.copydesk" t))

(provide 'copydesk-eglot)
;;; copydesk-eglot.el ends here
