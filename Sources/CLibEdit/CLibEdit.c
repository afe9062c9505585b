#include "CLibEdit.h"
#include <string.h>

EditLine *armox_el_init(const char *prog, FILE *in, FILE *out, FILE *err) {
    return el_init(prog, in, out, err);
}

EditLine *armox_el_init_stdio(const char *prog, int draw_on_stderr) {
    return el_init(prog, stdin, draw_on_stderr ? stderr : stdout, stderr);
}

void armox_el_end(EditLine *el) { el_end(el); }

int armox_el_set_prompt(EditLine *el, armox_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }

int armox_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }

int armox_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

int armox_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }

int armox_el_set_client_data(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

void *armox_el_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

int armox_el_bind_function(EditLine *el, const char *name, const char *help, const char *key, armox_key_fn fn) {
    if (el_set(el, EL_ADDFN, name, help, fn) != 0) return -1;
    return el_set(el, EL_BIND, key, name, NULL);
}

int armox_el_setty_edit(EditLine *el, const char *mode) {
    const char *argv[] = { "setty", "-d", mode, NULL };
    return el_parse(el, 3, argv);
}

static FILE *output_file(EditLine *el) {
    FILE *fp = NULL;
    if (el_get(el, EL_GETFP, 1, &fp) != 0) return NULL;
    return fp;
}

int armox_el_print(EditLine *el, const char *text) {
    FILE *fp = output_file(el);
    if (fp == NULL) return -1;
    fputs(text, fp);
    return fflush(fp);
}

int armox_el_output_fd(EditLine *el) {
    FILE *fp = output_file(el);
    return fp == NULL ? -1 : fileno(fp);
}

const char *armox_el_gets(EditLine *el, int *count) { return el_gets(el, count); }

History *armox_history_init(void) { return history_init(); }

void armox_history_end(History *h) { history_end(h); }

int armox_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

int armox_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

int armox_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

int armox_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return -1;
    return ev.num;
}

int armox_history_newest(History *h, char *buf, size_t size) {
    HistEvent ev;
    if (size == 0 || history(h, &ev, H_FIRST) < 0 || ev.str == NULL) return -1;
    strncpy(buf, ev.str, size - 1);
    buf[size - 1] = '\0';
    size_t n = strlen(buf);
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = '\0';
    return 0;
}

