/*
 * sysvipc.c — /proc/sysvipc/: msg, sem and shm, the System V IPC objects
 * in Linux's formats (a header, then a line per object in table order).
 * The lines come from the IPC code (kernel/ipc: msg_proc_line,
 * sem_proc_line, shm_proc_line), which owns the tables (those of the
 * reader's IPC namespace). Everyone may read them, as on
 * Linux (ipcs filters by permission; these files do not).
 */
#include "fs.h"
#include "ipc.h"
#include "lib.h"
#include "fs/proc/internal.h"

static const struct {
  const char *name;
  int kind;
} files[] = {
  { "msg", PROC_SYSVIPC_MSG },
  { "sem", PROC_SYSVIPC_SEM },
  { "shm", PROC_SYSVIPC_SHM },
};

void procfs_sysvipc_dir(struct out *o, u32 *last) {
  u32 i;
  for (i = 0; i < ARRAY_SIZE(files); i++) add_dirent(o, proc_ino(files[i].kind, 0, 0), files[i].name, 1, last);
}

struct inode *procfs_sysvipc_lookup(struct super_block *sb, const char *name, u32 len) {
  u32 i;
  for (i = 0; i < ARRAY_SIZE(files); i++)
    if (strlen(files[i].name) == len && memcmp(files[i].name, name, len) == 0) return proc_inode(sb, files[i].kind, 0, 0);
  return NULL;
}

int procfs_sysvipc_generate(int kind, struct out *o) {
  char line[192];
  int slot;
  switch (kind) {
    case PROC_SYSVIPC_MSG:
      outf(o, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      "
              "rtime      ctime\n");
      for (slot = 0; slot < MSGMNI; slot++)
        if (msg_proc_line(slot, line, sizeof line) > 0) outf(o, "%s", line);
      return 1;
    case PROC_SYSVIPC_SEM:
      outf(o, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
      for (slot = 0; slot < SEMMNI; slot++)
        if (sem_proc_line(slot, line, sizeof line) > 0) outf(o, "%s", line);
      return 1;
    case PROC_SYSVIPC_SHM:
      outf(o, "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      "
              "ctime        rss       swap\n");
      for (slot = 0; slot < SHMMNI; slot++)
        if (shm_proc_line(slot, line, sizeof line) > 0) outf(o, "%s", line);
      return 1;
  }
  return 0;
}
