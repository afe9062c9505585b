#ifndef ARMOX_CLIBEDIT_H
#define ARMOX_CLIBEDIT_H

/*
 * Fixed-arity wrappers over libedit. el_set, el_get and history() are
 * C-variadic, which Swift cannot call; each wrapper here passes one fixed
 * argument list through. Nothing else lives in this target.
 */
#include <stdio.h>
#include <histedit.h>

typedef char *(*armox_prompt_fn)(EditLine *);

EditLine *armox_el_init(const char *prog, FILE *in, FILE *out, FILE *err);
/* el_init on the process's stdin, stdout and stderr (globals Swift 6 may not touch). */
EditLine *armox_el_init_stdio(const char *prog);
void armox_el_end(EditLine *el);
int armox_el_set_prompt(EditLine *el, armox_prompt_fn fn);
int armox_el_set_editor(EditLine *el, const char *mode);
int armox_el_set_history(EditLine *el, History *h);
int armox_el_set_signal(EditLine *el, int on);
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
