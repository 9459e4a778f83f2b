/*
 * links.c — the symbolic links of /proc, and the PID/fd directory.
 *
 *   self          -> "PID" of the caller (text, as Linux)
 *   mounts        -> "self/mounts" (text)
 *   PID/fd/N      what descriptor N is: the absolute path it was opened
 *                 by, "pipe:[N]" for a pipe, "/dev/console" for the console
 *                 the kernel opened for init; " (deleted)" after an unlink
 *   PID/cwd, PID/root, PID/exe   the directories' paths and the program's
 *
 * The per-process links are Linux's "magic links": readlink shows a path,
 * but the walk through one (op->get_link) continues at the object itself —
 * the open file's inode, the cwd, the program — so `cd /proc/self/cwd`
 * and `cat /proc/PID/exe` reach it even if its path has changed. A file
 * with no inode (a pipe, init's console) is followed by its text. Reading
 * or following them is the process's own user's or root's (Linux's ptrace
 * read access: EACCES otherwise).
 *
 * Paths: a directory's is rebuilt by climbing `..` (vfs_path_of, as getcwd);
 * a file's is the one it was opened by (struct file's path), made absolute
 * with the directory a relative one started from and tidied of `.`, `..`
 * and repeated slashes.
 */
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"
#include "fs/proc/internal.h"

int procfs_fd_mode(struct proc *p, int fd) {
  struct file *f;
  u32 mode = S_IFLNK;
  if (fd < 0 || p->files == NULL || fd >= p->files->max_fds || (f = p->files->fd[fd]) == NULL) return 0;
  if ((f->flags & O_ACCMODE) != O_WRONLY) mode |= 0500;
  if ((f->flags & O_ACCMODE) != O_RDONLY) mode |= 0300;
  return (int)mode;
}

void procfs_fd_entries(struct proc *p, int pid, struct out *o, u32 *last) {
  char name[12];
  int fd;
  if (p->files == NULL) return;
  for (fd = 0; fd < p->files->max_fds; fd++) {
    if (p->files->fd[fd] == NULL) continue;
    snprintf(name, sizeof name, "%d", fd);
    add_dirent(o, proc_ino(PROC_PID_FD, pid, fd), name, 7, last);
  }
}

/* Drops `.` components, repeated slashes and `name/..` pairs of an
 * absolute path, in place (`..` at / stays at /). */
static void tidy_path(char *s) {
  char *r = s, *w = s;
  while (*r) {
    char *comp;
    u32 len;
    while (*r == '/') r++;
    comp = r;
    while (*r && *r != '/') r++;
    len = (u32)(r - comp);
    if (len == 0 || (len == 1 && comp[0] == '.')) continue;
    if (len == 2 && comp[0] == '.' && comp[1] == '.') {
      while (w > s && *--w != '/') {
      }
      continue;
    }
    *w++ = '/';
    memmove(w, comp, len);
    w += len;
  }
  if (w == s) *w++ = '/';
  *w = 0;
}

/* dir's absolute path into out (PATH_MAX bytes); scratch holds PATH_MAX
 * + NAME_MAX + 1. Its length, or -errno. */
static int path_of_dir(struct inode *dir, char *out, char *scratch) {
  int at = vfs_path_of(dir, scratch, scratch + PATH_MAX);
  if (at < 0) return at;
  return (int)strlcpy(out, scratch + at, PATH_MAX);
}

/* What /proc/PID/fd/N shows for f, into out (PATH_MAX bytes). */
static int file_name(struct file *f, char *out, char *scratch) {
  int n;
  if (f->inode == NULL) {
    if (f->ops->dname) return f->ops->dname(f, out, PATH_MAX);
    if (f->ops == &tty_ops) return (int)strlcpy(out, "/dev/console", PATH_MAX);   /* console_open() */
    return (int)strlcpy(out, "anon_inode:[file]", PATH_MAX);
  }
  if (S_ISDIR(f->inode->mode)) {
    n = path_of_dir(f->inode, out, scratch);
  } else if (f->path == NULL) {
    n = (int)strlcpy(out, "anon_inode:[file]", PATH_MAX);
  } else if (f->path[0] == '/') {
    strlcpy(out, f->path, PATH_MAX);
    tidy_path(out);
    n = (int)strlen(out);
  } else {
    n = path_of_dir(f->path_base, out, scratch);
    if (n < 0) return n;
    if ((u32)n + 1 + strlen(f->path) >= PATH_MAX) return -ENAMETOOLONG;
    out[n] = '/';
    strlcpy(out + n + 1, f->path, PATH_MAX - (u32)n - 1);
    tidy_path(out);
    n = (int)strlen(out);
  }
  if (n >= 0 && f->inode->nlink == 0 && (u32)n + 11 < PATH_MAX) {
    strlcpy(out + n, " (deleted)", PATH_MAX - (u32)n);
    n += 10;
  }
  return n;
}

/* The process behind a per-process link, if the caller may look. */
static struct proc *link_owner(struct inode *ip, int *err) {
  struct proc *p = proc_of(ip, 1);
  if (p == NULL) {
    *err = -ENOENT;
    return NULL;
  }
  if (!procfs_may_access(p)) {
    *err = -EACCES;
    return NULL;
  }
  *err = 0;
  return p;
}

/* The object a per-process link names, referenced: an open file (fd/N,
 * exe) or a directory (cwd, root) in *dir. -ENOENT when it has none. */
static int link_target(struct inode *ip, struct file **file, struct inode **dir) {
  int err;
  struct proc *p = link_owner(ip, &err);
  *file = NULL;
  *dir = NULL;
  if (p == NULL) return err;
  switch (PROC_I(ip)->kind) {
    case PROC_PID_FD:
      if (procfs_fd_mode(p, PROC_I(ip)->fd)) *file = file_dup(p->files->fd[PROC_I(ip)->fd]);
      break;
    case PROC_PID_EXE:
      if (p->mm && p->mm->exe_file) *file = file_dup(p->mm->exe_file);
      break;
    case PROC_PID_CWD: *dir = p->fs && p->fs->cwd ? idup(p->fs->cwd) : vfs_root(); break;   /* a kernel thread's is / */
    case PROC_PID_ROOT: *dir = p->fs && p->fs->root ? idup(p->fs->root) : vfs_root(); break;
  }
  return *file || *dir ? 0 : -ENOENT;
}

int procfs_readlink(struct inode *ip, char *out, u32 size) {
  struct file *f;
  struct inode *dir;
  char *scratch;
  int n;
  (void)size;   /* the VFS asks with PATH_MAX */
  if (PROC_I(ip)->kind == PROC_SELF) {
    int nr = current ? pid_nr_ns(current->group_leader, PROC_NS(ip->sb)) : 0;
    if (nr == 0) return -ENOENT;   /* the caller is outside this mount's pid namespace */
    return snprintf(out, PATH_MAX, "%d", nr);
  }
  if (procfs_ns_kind(PROC_I(ip)->kind)) return procfs_ns_readlink(ip, out);
  if (PROC_I(ip)->kind == PROC_MOUNTS_LINK) return (int)strlcpy(out, "self/mounts", PATH_MAX);
  n = link_target(ip, &f, &dir);
  if (n < 0) return n;
  scratch = (char *)kmalloc(PATH_MAX + NAME_MAX + 1);
  if (scratch == NULL) n = -ENOMEM;
  else if (f) n = file_name(f, out, scratch);
  else n = path_of_dir(dir, out, scratch);
  if (scratch) kfree(scratch);
  if (f) file_close(f);
  if (dir) iput(dir);
  return n;
}

struct inode *procfs_get_link(struct inode *ip, int *err) {
  struct file *f;
  struct inode *dir;
  struct inode *to;
  *err = 0;
  if (PROC_I(ip)->kind == PROC_SELF || PROC_I(ip)->kind == PROC_MOUNTS_LINK) return NULL;   /* plain text */
  if (procfs_ns_kind(PROC_I(ip)->kind)) return procfs_ns_get_link(ip, err);
  *err = link_target(ip, &f, &dir);
  if (*err) return NULL;
  if (dir) return dir;
  to = f->inode ? idup(f->inode) : NULL;   /* NULL and no error: a pipe's text */
  file_close(f);
  return to;
}
