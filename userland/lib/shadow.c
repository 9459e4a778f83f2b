/* shadow.c: the password hashes, /etc/shadow (shadow.h). The file is
 * readable only by root and the shadow group: getspnam answers NULL with
 * fopen's errno (EACCES) for anyone else. Malformed lines are skipped. */
#include <shadow.h>
#include <stdio.h>
#include <string.h>
#include "dbfile.h"

#define SHADOW_FILE "/etc/shadow"

static FILE *db;
static char line[512];
static struct spwd entry;

void setspent(void) {
  if (db)
    rewind(db);
}

void endspent(void) {
  if (db)
    fclose(db);
  db = NULL;
}

static long number_or_none(const char *s) {
  unsigned long v;
  return __db_number(s, &v) < 0 ? -1 : (long)v;
}

struct spwd *getspent(void) {
  char *f[9];
  if (!db)
    db = fopen(SHADOW_FILE, "r");
  if (!db)
    return NULL;
  while (__db_line(db, line, sizeof line)) {
    if (!__db_split(line, f, 9))
      continue;
    entry.sp_namp = f[0];
    entry.sp_pwdp = f[1];
    entry.sp_lstchg = number_or_none(f[2]);
    entry.sp_min = number_or_none(f[3]);
    entry.sp_max = number_or_none(f[4]);
    entry.sp_warn = number_or_none(f[5]);
    entry.sp_inact = number_or_none(f[6]);
    entry.sp_expire = number_or_none(f[7]);
    entry.sp_flag = (unsigned long)number_or_none(f[8]);
    return &entry;
  }
  return NULL;
}

struct spwd *getspnam(const char *name) {
  struct spwd *s;
  setspent();
  while ((s = getspent()) != NULL && strcmp(s->sp_namp, name) != 0)
    ;
  endspent();
  return s;
}

static void field(FILE *f, long v) {
  if (v >= 0)
    fprintf(f, "%ld", v);
  fputc(':', f);
}

int putspent(const struct spwd *sp, FILE *f) {
  fprintf(f, "%s:%s:", sp->sp_namp, sp->sp_pwdp);
  field(f, sp->sp_lstchg);
  field(f, sp->sp_min);
  field(f, sp->sp_max);
  field(f, sp->sp_warn);
  field(f, sp->sp_inact);
  field(f, sp->sp_expire);
  if ((long)sp->sp_flag >= 0)
    fprintf(f, "%lu", sp->sp_flag);
  fputc('\n', f);
  return ferror(f) ? -1 : 0;
}
