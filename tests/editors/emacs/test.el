;;; test.el --- Eglot end-to-end: emacs --batch -Q -l test.el  -*- lexical-binding: t -*-
;;
;; Loads editors/emacs/copydesk-eglot.el, opens FILE (a copy of
;; tests/editors/fixtures/nonbmp.txt), waits for the server's diagnostic on the
;; half-width comma after `𠮷野家的老板说', checks its line and character
;; column (Eglot 1.9 speaks UTF-16: 𠮷 is two units there, one character
;; here), applies the quick fix, saves, and compares the file's bytes with
;; EXPECTED.  Environment: COPYDESK_BIN, COPYDESK_EL, FILE, EXPECTED.

(defun copydesk-test-say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun copydesk-test-fail (fmt &rest args)
  (copydesk-test-say "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

(condition-case err
    (progn
      ;; -Q skips site start-up: activate the packages (Debian: elpa-eglot).
      (require (quote package))
      (when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
        (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa"))
      (package-initialize)
      (load (getenv "COPYDESK_EL") nil t)
      (setq copydesk-program (getenv "COPYDESK_BIN")
            copydesk-initialization-options '(:rules (:broken-wrap "warning")))
      (copydesk-test-say "Emacs %s, Eglot from %s" emacs-version
                         (file-name-directory (locate-library "eglot")))
      (remove-hook 'text-mode-hook #'eglot-ensure)
      (find-file (getenv "FILE"))
      (copydesk-test-say "opened %s in %s" (buffer-name) major-mode)
      (apply #'eglot--connect (eglot--guess-contact))
      (copydesk-test-say "eglot connected: %s" (eglot--project-nickname (eglot-current-server)))
      (let ((deadline (+ (float-time) 20)) found)
        (while (and (not found) (< (float-time) deadline))
          (flymake-start)
          (accept-process-output nil 0.1)
          (setq found (cl-find-if (lambda (d) (string-match-p "逗号" (flymake-diagnostic-text d)))
                                  (flymake-diagnostics))))
        (unless found
          (copydesk-test-fail "no diagnostic within 20 s: %S" (flymake-diagnostics)))
        (let* ((beg (flymake-diagnostic-beg found))
               (line (line-number-at-pos beg))
               (col (save-excursion (goto-char beg) (- (point) (line-beginning-position)))))
          (copydesk-test-say "diagnostic: %s at line %d, character %d"
                             (flymake-diagnostic-text found) line col)
          (unless (and (= line 3) (= col 7) (= (- (flymake-diagnostic-end found) beg) 1))
            (copydesk-test-fail "diagnostic at line %d char %d, expected line 3 char 7 (after 𠮷野家的老板说)" line col))
          (goto-char beg)
          (eglot-code-actions beg (flymake-diagnostic-end found) "quickfix" t)
          (save-buffer)
          (let ((got (with-temp-buffer (insert-file-contents-literally (getenv "FILE")) (buffer-string)))
                (want (with-temp-buffer (insert-file-contents-literally (getenv "EXPECTED")) (buffer-string))))
            (unless (string= got want)
              (copydesk-test-fail "file after the quick fix differs:\n%s\n---\n%s"
                                  (decode-coding-string got 'utf-8) (decode-coding-string want 'utf-8))))
          (copydesk-test-say "quick fix applied and saved: the file matches the expected bytes")
          (copydesk-test-say "PASS")
          (let ((eglot-autoshutdown nil)) (ignore-errors (eglot-shutdown (eglot-current-server))))
          (kill-emacs 0))))
  (error (copydesk-test-fail "%S" err)))
