#ifndef ARMOX_CLIBEDIT_H
#define ARMOX_CLIBEDIT_H

/*
 * Fixed-arity wrappers over libedit. el_set, el_get and history() are
 * C-variadic, which Swift cannot call; each wrapper here passes one fixed
 * argument list through. Nothing else lives in this target. (el_line,
 * el_wline, el_insertstr, el_deletestr, el_getc and el_beep are not variadic:
 * Swift calls them directly through histedit.h.)
 */
#include <stdio.h>
#include <histedit.h>

typedef char *(*armox_prompt_fn)(EditLine *);
/* A key binding's function: returns one of the CC_* codes. */
typedef unsigned char (*armox_key_fn)(EditLine *, int);

EditLine *armox_el_init(const char *prog, FILE *in, FILE *out, FILE *err);
/* el_init on stdin, with stdout (or stderr, when stdout is not a terminal) as
   the terminal it draws on; stdio globals are not for Swift 6 to touch. */
EditLine *armox_el_init_stdio(const char *prog, int draw_on_stderr);
void armox_el_end(EditLine *el);
int armox_el_set_prompt(EditLine *el, armox_prompt_fn fn);
int armox_el_set_editor(EditLine *el, const char *mode);
int armox_el_set_history(EditLine *el, History *h);
int armox_el_set_signal(EditLine *el, int on);
/* EL_CLIENTDATA: one pointer the callbacks get back. */
int armox_el_set_client_data(EditLine *el, void *data);
void *armox_el_client_data(EditLine *el);
/* EL_ADDFN then EL_BIND: `key` (like "^I") runs `fn`, registered as `name`. */
int armox_el_bind_function(EditLine *el, const char *name, const char *help, const char *key, armox_key_fn fn);
/* `setty -d <mode>`: a terminal mode while editing only, e.g. "-isig". */
int armox_el_setty_edit(EditLine *el, const char *mode);
/* Writes text to the terminal the editor draws on, flushed. */
int armox_el_print(EditLine *el, const char *text);
/* The file descriptor the editor draws on (for its width). */
int armox_el_output_fd(EditLine *el);
const char *armox_el_gets(EditLine *el, int *count);

History *armox_history_init(void);
void armox_history_end(History *h);
int armox_history_set_size(History *h, int size);
int armox_history_set_unique(History *h, int unique);
int armox_history_enter(History *h, const char *line);
int armox_history_count(History *h);
/* Copies the newest entry into buf (NUL-terminated); returns 0, or -1 when empty. */
int armox_history_newest(History *h, char *buf, size_t size);

#endif
