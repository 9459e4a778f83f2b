/* t_perm.c: file permissions as Linux enforces them — the owner/group/
 * other classes, supplementary groups, search permission on every
 * directory of a path, open's read/write/truncate, creation and removal
 * (write + search on the directory), the sticky bit, chmod/chown/utimes
 * ownership rules, access(2) with the real ids, truncate, exec, set-id
 * bits dropped by a non-root write, set-group-ID directories, and what
 * root may bypass. Root (usertests itself) makes the files; a forked
 * child drops to uid 1000 (gid 1000, supplementary groups as the case
 * says) and checks each errno. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

#define USER 1000
#define OTHER_USER 1001
#define USERS_GROUP 100   /* a supplementary group some cases give the user */

/* Root makes a file with this content, mode and owner. */
static void make_file(const char *path, int mode, int uid, int gid) {
  CHECK(ut_write_file(path, "data", 4) == 4);
  CHECK(chown(path, uid, gid) == 0);
  CHECK(chmod(path, mode) == 0);
}

static void make_dir(const char *path, int mode, int uid, int gid) {
  CHECK(mkdir(path, 0700) == 0);
  CHECK(chown(path, uid, gid) == 0);
  CHECK(chmod(path, mode) == 0);
}

static int file_mode(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return -1;
  return st.st_mode & 07777;
}

/* Runs fn in a child as uid/gid 1000 with the given supplementary groups
 * (ngroups of them); the case fails unless fn returns. */
static void as_user_with_groups(void (*fn)(void), int ngroups, const gid_t *groups) {
  int pid = fork();
  int st;
  CHECK(pid >= 0);
  if (pid == 0) {
    if (setgroups(ngroups, groups) != 0 || setresgid(USER, USER, USER) != 0 || setresuid(USER, USER, USER) != 0)
      _exit(98);
    fn();
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void as_user(void (*fn)(void)) { as_user_with_groups(fn, 0, 0); }

static int can_open(const char *path, int flags) {
  int fd = open(path, flags, 0);
  if (fd < 0)
    return 0;
  close(fd);
  return 1;
}

/* ---- the classes: exactly one of owner, group, other applies ---- */

static void classes_body(void) {
  char buf[8];
  CHECK_ERR(open("secret", O_RDONLY), EACCES);       /* 0600 root */
  CHECK_ERR(open("secret", O_WRONLY), EACCES);
  CHECK(can_open("pub", O_RDONLY));                  /* 0644 root: other r */
  CHECK_ERR(open("pub", O_WRONLY), EACCES);
  CHECK_ERR(open("pub", O_RDWR), EACCES);
  CHECK_ERR(open("pub", O_RDONLY | O_TRUNC), EACCES);   /* O_TRUNC asks for write */
  CHECK(can_open("grp", O_RDONLY));                  /* 0640 root:1000, our group */
  CHECK_ERR(open("grp", O_WRONLY), EACCES);
  CHECK_ERR(open("grp_none", O_RDONLY), EACCES);     /* 0604 root:1000: the group's bits, not other's */
  CHECK_ERR(open("own_none", O_RDONLY), EACCES);     /* 0077 ours: the owner's bits only */
  CHECK(can_open("supp", O_RDONLY));                 /* 0040 root:100, a supplementary group */
  CHECK(can_open("wronly", O_WRONLY));               /* 0622 root */
  CHECK_ERR(open("wronly", O_RDONLY), EACCES);
  CHECK(ut_read_file("pub", buf, sizeof buf) == 4);  /* not truncated by the refused open */
}

static void perm_classes(void) {
  static const gid_t groups[] = { USERS_GROUP };
  make_file("secret", 0600, 0, 0);
  make_file("pub", 0644, 0, 0);
  make_file("grp", 0640, 0, USER);
  make_file("grp_none", 0604, 0, USER);
  make_file("own_none", 0077, USER, USER);
  make_file("supp", 0040, 0, USERS_GROUP);
  make_file("wronly", 0622, 0, 0);
  as_user_with_groups(classes_body, 1, groups);
}

/* ---- search (x) on every directory of a path ---- */

static void search_body(void) {
  struct stat st;
  CHECK_ERR(stat("closed/f", &st), EACCES);          /* 0700 root */
  CHECK_ERR(open("closed/f", O_RDONLY), EACCES);
  CHECK_ERR(open("closed", O_RDONLY), EACCES);       /* and no reading its names */
  CHECK_ERR(chdir("closed"), EACCES);
  CHECK_ERR(access("closed/f", F_OK), EACCES);
  CHECK(can_open("xonly/f", O_RDONLY));              /* 0711: search without read */
  CHECK_ERR(open("xonly", O_RDONLY), EACCES);
  CHECK(chdir("xonly") == 0);
  CHECK(chdir("..") == 0);
  CHECK(can_open("ronly", O_RDONLY));                /* 0744: names without search */
  CHECK_ERR(stat("ronly/f", &st), EACCES);
  CHECK_ERR(open("outer/inner/f", O_RDONLY), EACCES);   /* a closed directory higher up */
  CHECK(stat("outer", &st) == 0);
}

static void perm_search(void) {
  make_dir("closed", 0700, 0, 0);
  make_file("closed/f", 0644, 0, 0);
  make_dir("xonly", 0711, 0, 0);
  make_file("xonly/f", 0644, 0, 0);
  make_dir("ronly", 0744, 0, 0);
  make_file("ronly/f", 0644, 0, 0);
  make_dir("outer", 0700, 0, 0);
  make_dir("outer/inner", 0755, 0, 0);
  make_file("outer/inner/f", 0644, 0, 0);
  as_user(search_body);
}

/* ---- creating and removing names: write and search on the directory ---- */

static void create_body(void) {
  int fd;
  CHECK_ERR(open("ro/new", O_WRONLY | O_CREAT, 0644), EACCES);   /* 0755 root */
  CHECK_ERR(mkdir("ro/nd", 0755), EACCES);
  CHECK_ERR(symlink("f", "ro/l"), EACCES);
  CHECK_ERR(link("ro/f", "ro/f2"), EACCES);
  CHECK_ERR(rename("ro/f", "ro/g"), EACCES);
  CHECK_ERR(unlink("ro/f"), EACCES);
  CHECK_ERR(rmdir("ro/sub"), EACCES);
  CHECK_ERR(rename("ro/f", "wx/f"), EACCES);         /* leaving ro needs write on ro */
  CHECK(ut_write_file("ro/f", "new!", 4) == 4);      /* the file itself is 0666 */
  CHECK_ERR(open("ro/f_ro", O_WRONLY | O_CREAT, 0644), EACCES);   /* exists, not ours to write */
  /* 0733 root: write and search are enough, reading is not needed */
  CHECK(ut_write_file("wx/mine", "m", 1) == 1);
  CHECK(mkdir("wx/d", 0755) == 0);
  CHECK(symlink("mine", "wx/l") == 0);
  CHECK(link("wx/mine", "wx/mine2") == 0);
  CHECK(rename("wx/mine2", "wx/mine3") == 0);
  CHECK(unlink("wx/mine3") == 0);
  CHECK(rmdir("wx/d") == 0);
  CHECK_ERR(open("wonly/new", O_WRONLY | O_CREAT, 0644), EACCES);   /* 0722: no search */
  /* a file this open creates is opened whatever mode it gets */
  fd = open("wx/zero", O_RDWR | O_CREAT | O_EXCL, 0);
  CHECK(fd >= 0);
  CHECK(write(fd, "z", 1) == 1);
  close(fd);
  CHECK(file_mode("wx/zero") == 0);
  CHECK_ERR(open("wx/zero", O_RDONLY), EACCES);
}

static void perm_create(void) {
  make_dir("ro", 0755, 0, 0);
  make_file("ro/f", 0666, 0, 0);
  make_file("ro/f_ro", 0644, 0, 0);
  make_dir("ro/sub", 0777, 0, 0);
  make_dir("wx", 0733, 0, 0);
  make_dir("wonly", 0722, 0, 0);
  as_user(create_body);
}

/* ---- the sticky bit: only the file's owner, the directory's, or root ---- */

static void sticky_body(void) {
  CHECK(ut_write_file("t/mine", "m", 1) == 1);
  CHECK_ERR(unlink("t/rootf"), EPERM);               /* 01777 root, root's file */
  CHECK_ERR(unlink("t/theirs"), EPERM);              /* another user's */
  CHECK_ERR(rename("t/rootf", "t/moved"), EPERM);
  CHECK_ERR(rename("t/mine", "t/rootf"), EPERM);     /* replacing is removing */
  CHECK_ERR(rmdir("t/rootdir"), EPERM);
  CHECK(ut_write_file("t/rootf", "w", 1) == 1);      /* its 0666 still lets us write */
  CHECK(rename("t/mine", "t/mine2") == 0);
  CHECK(unlink("t/mine2") == 0);
  CHECK(unlink("ours/rootf") == 0);                  /* sticky, but the directory is ours */
  CHECK(unlink("open/rootf") == 0);                  /* 0777 without the sticky bit */
}

static void perm_sticky(void) {
  struct stat st;
  make_dir("t", 01777, 0, 0);
  make_file("t/rootf", 0666, 0, 0);
  make_file("t/theirs", 0666, OTHER_USER, OTHER_USER);
  make_dir("t/rootdir", 0777, 0, 0);
  make_dir("ours", 01777, USER, USER);
  make_file("ours/rootf", 0644, 0, 0);
  make_dir("open", 0777, 0, 0);
  make_file("open/rootf", 0644, 0, 0);
  as_user(sticky_body);
  CHECK(stat("t/rootf", &st) == 0 && stat("t/theirs", &st) == 0 && stat("t/rootdir", &st) == 0);
  CHECK(unlink("t/theirs") == 0);                    /* root may */
  CHECK(stat("/tmp", &st) == 0 && (st.st_mode & 07777) == 01777);
}

/* ---- chmod: the owner or root; set-group-ID needs the group ---- */

static void chmod_body(void) {
  int fd;
  CHECK_ERR(chmod("rootf", 0666), EPERM);
  fd = open("rootf", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_ERR(fchmod(fd, 0666), EPERM);
  close(fd);
  CHECK(file_mode("rootf") == 0644);
  CHECK(chmod("mine", 0600) == 0);
  CHECK(file_mode("mine") == 0600);
  CHECK(chmod("mine", 04755) == 0);                  /* set-user-ID on one's own file */
  CHECK(file_mode("mine") == 04755);
  CHECK(chmod("mine", 02755) == 0);                  /* our group: set-group-ID stays */
  CHECK(file_mode("mine") == 02755);
  CHECK(chmod("mine_users", 02755) == 0);            /* group 100, not ours: dropped */
  CHECK(file_mode("mine_users") == 0755);
  CHECK_ERR(chmod("closed/f", 0777), EACCES);        /* the path first */
}

static void perm_chmod(void) {
  make_file("rootf", 0644, 0, 0);
  make_file("mine", 0644, USER, USER);
  make_file("mine_users", 0644, USER, USERS_GROUP);
  make_dir("closed", 0700, 0, 0);
  make_file("closed/f", 0644, USER, USER);
  as_user(chmod_body);
  CHECK(chmod("rootf", 02644) == 0);                 /* root keeps set-group-ID on any group */
  CHECK(file_mode("rootf") == 02644);
}

/* ---- chown: only root gives files away; the owner may change the group
 * to one of its own; a chown drops set-id bits of a non-directory ---- */

static void chown_body(void) {
  struct stat st;
  int fd;
  CHECK_ERR(chown("mine", OTHER_USER, -1), EPERM);
  CHECK(chown("mine", USER, -1) == 0);               /* to oneself: nothing changes */
  CHECK(chown("mine", -1, USERS_GROUP) == 0);        /* a group we are in */
  CHECK(stat("mine", &st) == 0 && st.st_gid == USERS_GROUP && st.st_uid == USER);
  CHECK(chown("mine", -1, USER) == 0);
  CHECK_ERR(chown("mine", -1, 5), EPERM);            /* not our group */
  CHECK_ERR(chown("rootf", -1, USER), EPERM);        /* not our file */
  CHECK_ERR(lchown("rootf", USER, USER), EPERM);
  fd = open("mine", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_ERR(fchown(fd, OTHER_USER, -1), EPERM);
  close(fd);
  CHECK(chown("suid_mine", -1, USERS_GROUP) == 0);   /* the owner's chgrp drops set-user-ID */
  CHECK(file_mode("suid_mine") == 0755);
}

static void perm_chown(void) {
  static const gid_t groups[] = { USERS_GROUP };
  make_file("mine", 0644, USER, USER);
  make_file("rootf", 0644, 0, 0);
  make_file("suid_mine", 04755, USER, USER);
  as_user_with_groups(chown_body, 1, groups);
  /* root's chown drops set-user-ID, and set-group-ID with group x ... */
  make_file("both", 06755, USER, USER);
  CHECK(chown("both", OTHER_USER, -1) == 0);
  CHECK(file_mode("both") == 0755);
  /* ... but not a set-group-ID without group x (a locking mark) */
  make_file("lockmark", 02745, USER, USER);
  CHECK(chown("lockmark", OTHER_USER, OTHER_USER) == 0);
  CHECK(file_mode("lockmark") == 02745);
  /* nor anything on a directory */
  make_dir("dir", 06755, USER, USER);
  CHECK(chown("dir", OTHER_USER, -1) == 0);
  CHECK(file_mode("dir") == 06755);
}

/* ---- utimes: explicit times are the owner's; "now" needs write ---- */

static void utimes_body(void) {
  struct timeval tv[2];
  struct stat st;
  tv[0].tv_sec = 1000000;
  tv[0].tv_usec = 0;
  tv[1].tv_sec = 2000000;
  tv[1].tv_usec = 0;
  CHECK(utimes("writable", 0) == 0);                 /* 0666 root: now is fine */
  CHECK_ERR(utimes("writable", tv), EPERM);          /* but not a chosen time */
  CHECK_ERR(utimes("readonly", 0), EACCES);          /* 0644 root */
  CHECK_ERR(utimes("readonly", tv), EPERM);
  CHECK(utimes("mine", tv) == 0);                    /* 0444 ours */
  CHECK(stat("mine", &st) == 0 && st.st_mtime == 2000000 && st.st_atime == 1000000);
  CHECK(utimes("mine", 0) == 0);
  CHECK(stat("mine", &st) == 0 && st.st_mtime != 2000000);
}

static void perm_utimes(void) {
  make_file("writable", 0666, 0, 0);
  make_file("readonly", 0644, 0, 0);
  make_file("mine", 0444, USER, USER);
  as_user(utimes_body);
}

/* ---- access(2): the real ids decide ---- */

static void access_real_user(void) {
  /* real 1000, effective root: open works, access answers for 1000 */
  CHECK(setresuid(USER, 0, 0) == 0);
  CHECK(can_open("secret", O_RDONLY));
  CHECK_ERR(access("secret", R_OK), EACCES);
  CHECK_ERR(access("closed/f", F_OK), EACCES);       /* searched as 1000 too */
  CHECK(access("pub", R_OK) == 0);
  CHECK_ERR(access("pub", W_OK), EACCES);
}

static void access_real_root(void) {
  /* real root, effective 1000: the other way round */
  CHECK(setresuid(0, USER, 0) == 0);
  CHECK_ERR(open("secret", O_RDONLY), EACCES);
  CHECK(access("secret", R_OK | W_OK) == 0);
}

static void access_real_group(void) {
  /* real gid 1000, effective 100: group 100's file opens, access says no */
  CHECK(setgroups(0, 0) == 0);
  CHECK(setresgid(USER, USERS_GROUP, USERS_GROUP) == 0);
  CHECK(setresuid(USER, USER, USER) == 0);
  CHECK(can_open("users_only", O_RDONLY));
  CHECK_ERR(access("users_only", R_OK), EACCES);
}

static void in_child(void (*fn)(void)) {
  int st = ut_fork_status(fn);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void perm_access(void) {
  make_file("secret", 0600, 0, 0);
  make_file("pub", 0644, 0, 0);
  make_file("users_only", 0040, 0, USERS_GROUP);
  make_dir("closed", 0700, 0, 0);
  make_file("closed/f", 0644, 0, 0);
  make_file("noexec", 0644, 0, 0);
  make_file("nothing", 0000, USER, USER);
  make_file("ownerx", 0100, USER, USER);
  make_dir("shut", 0000, USER, USER);
  in_child(access_real_user);
  in_child(access_real_root);
  in_child(access_real_group);
  /* root: read and write anything, but execute only what has an x bit */
  CHECK(access("nothing", R_OK | W_OK) == 0);
  CHECK_ERR(access("noexec", X_OK), EACCES);
  CHECK(access("ownerx", X_OK) == 0);
  CHECK(access("shut", R_OK | W_OK | X_OK) == 0);    /* directories: always searchable */
  CHECK_ERR(access("pub", 8), EINVAL);
}

/* ---- truncate needs write; ftruncate needs a descriptor open for it ---- */

static void truncate_body(void) {
  int fd;
  CHECK_ERR(truncate("pub", 0), EACCES);
  fd = open("pub", O_RDONLY);
  CHECK(fd >= 0);
  CHECK_ERR(ftruncate(fd, 0), EINVAL);
  close(fd);
  CHECK_ERR(truncate("closed/f", 0), EACCES);
  CHECK(truncate("mine", 1) == 0);
}

static void perm_truncate(void) {
  struct stat st;
  make_file("pub", 0644, 0, 0);
  make_file("mine", 0600, USER, USER);
  make_dir("closed", 0700, 0, 0);
  make_file("closed/f", 0666, 0, 0);
  as_user(truncate_body);
  CHECK(stat("pub", &st) == 0 && st.st_size == 4);
  CHECK(stat("mine", &st) == 0 && st.st_size == 1);
  make_file("ro", 0444, USER, USER);
  CHECK(truncate("ro", 2) == 0);                      /* root writes anything */
  CHECK(stat("ro", &st) == 0 && st.st_size == 2);
}

/* ---- exec: x on a regular file ---- */

/* chown before the mode: a chown clears the set-id bits the mode may ask for */
static int copy_file(const char *from, const char *to, int mode, int uid) {
  if (ut_copy_file(from, to, 0700) != 0 || chown(to, uid, 0) != 0 || chmod(to, mode) != 0)
    return -1;
  return 0;
}

/* The errno of execve(path) in a child (0: it ran and exited 0). */
static int exec_errno(const char *path) {
  static char *argv[] = { "true", 0 };
  int pid = fork();
  int st;
  if (pid == 0) {
    execve(path, argv, 0);
    _exit(errno);
  }
  st = ut_wait_status(pid);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 200;
}

static void exec_body(void) {
  CHECK(exec_errno("p0755") == 0);
  CHECK(exec_errno("p0711") == 0);                   /* executing needs no read */
  CHECK(exec_errno("p0644") == EACCES);
  CHECK(exec_errno("p0700") == EACCES);              /* only root's x */
  CHECK(exec_errno("suid0744") == EACCES);           /* set-user-ID does not help */
  CHECK(exec_errno("sub") == EACCES);                /* a directory */
  CHECK(exec_errno("closed/p0755") == EACCES);
}

static void perm_exec(void) {
  CHECK(copy_file("/bin/true", "p0755", 0755, 0) == 0);
  CHECK(copy_file("/bin/true", "p0711", 0711, 0) == 0);
  CHECK(copy_file("/bin/true", "p0644", 0644, 0) == 0);
  CHECK(copy_file("/bin/true", "p0700", 0700, 0) == 0);
  CHECK(copy_file("/bin/true", "suid0744", 04744, 0) == 0);
  CHECK(copy_file("/bin/true", "owner_x", 0100, USER) == 0);
  make_dir("sub", 0755, 0, 0);
  make_dir("closed", 0700, 0, 0);
  CHECK(copy_file("/bin/true", "closed/p0755", 0755, 0) == 0);
  as_user(exec_body);
  CHECK(exec_errno("p0644") == EACCES);              /* root too: no x bit at all */
  CHECK(exec_errno("owner_x") == 0);                 /* any one x bit will do for root */
}

/* ---- rename of a directory to another parent rewrites its `..` ---- */

static void rename_dir_body(void) {
  CHECK_ERR(rename("a/rootdir", "b/rootdir"), EACCES);   /* root's 0755 directory */
  CHECK(rename("a/rootdir", "a/renamed") == 0);          /* same parent: `..` stays */
  CHECK(mkdir("a/mine", 0755) == 0);
  CHECK(rename("a/mine", "b/mine") == 0);
}

static void perm_rename_dir(void) {
  make_dir("a", 0777, 0, 0);
  make_dir("b", 0777, 0, 0);
  make_dir("a/rootdir", 0755, 0, 0);
  as_user(rename_dir_body);
}

/* ---- a write or truncate by anyone but root drops set-id bits ---- */

static void setid_write_body(void) {
  int fd;
  CHECK(ut_write_file("suid", "patched", 7) == 7);   /* 04775 root:1000, group-writable */
  CHECK(file_mode("suid") == 0775);
  fd = open("both", O_WRONLY | O_APPEND);            /* 06775: set-group-ID with group x too */
  CHECK(fd >= 0);
  CHECK(file_mode("both") == 06775);                 /* opening changes nothing */
  CHECK(write(fd, "x", 1) == 1);
  close(fd);
  CHECK(file_mode("both") == 0775);
  CHECK(truncate("trunc", 1) == 0);
  CHECK(file_mode("trunc") == 0775);
  fd = open("otrunc", O_WRONLY | O_TRUNC);
  CHECK(fd >= 0);
  close(fd);
  CHECK(file_mode("otrunc") == 0775);
  CHECK(ut_write_file("lockmark", "y", 1) == 1);     /* 02765: no group x, a locking mark */
  CHECK(file_mode("lockmark") == 02765);
}

static void perm_setid_write(void) {
  make_file("suid", 04775, 0, USER);
  make_file("both", 06775, 0, USER);
  make_file("trunc", 04775, 0, USER);
  make_file("otrunc", 04775, 0, USER);
  make_file("lockmark", 02765, 0, USER);
  make_file("rootw", 06755, 0, 0);
  as_user(setid_write_body);
  CHECK(ut_write_file("rootw", "root", 4) == 4);     /* root's own writes keep them */
  CHECK(truncate("rootw", 1) == 0);
  CHECK(file_mode("rootw") == 06755);
}

/* ---- a set-group-ID directory gives new names its group ---- */

static int gid_of(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return -1;
  return st.st_gid;
}

static void setgid_dir_member(void) {
  int fd;
  umask(022);
  CHECK(ut_write_file("shared/f", "f", 1) == 1);
  CHECK(gid_of("shared/f") == USERS_GROUP);
  CHECK(mkdir("shared/d", 0777) == 0);               /* inherits the group and the bit */
  CHECK(gid_of("shared/d") == USERS_GROUP && file_mode("shared/d") == 02755);
  CHECK(ut_write_file("shared/d/g", "g", 1) == 1);   /* and passes them on */
  CHECK(gid_of("shared/d/g") == USERS_GROUP);
  CHECK(symlink("f", "shared/l") == 0);
  CHECK(gid_of("shared/l") == USERS_GROUP);
  fd = open("shared/sg", O_WRONLY | O_CREAT, 02770);   /* a member may make it set-group-ID */
  CHECK(fd >= 0);
  close(fd);
  CHECK(file_mode("shared/sg") == 02750);
  CHECK(ut_write_file("plain/f", "f", 1) == 1);      /* elsewhere: the caller's group */
  CHECK(gid_of("plain/f") == USER);
}

static void setgid_dir_outsider(void) {
  int fd = open("shared/out", O_WRONLY | O_CREAT, 02770);
  CHECK(fd >= 0);
  close(fd);
  CHECK(gid_of("shared/out") == USERS_GROUP);        /* the group still comes from the directory */
  CHECK(file_mode("shared/out") == 0750);            /* but not the set-group-ID bit */
}

static void perm_setgid_dir(void) {
  static const gid_t groups[] = { USERS_GROUP };
  make_dir("shared", 02777, 0, USERS_GROUP);
  make_dir("plain", 0777, 0, USERS_GROUP);
  as_user_with_groups(setgid_dir_member, 1, groups);
  umask(022);
  as_user(setgid_dir_outsider);
}

/* ---- root: what the mode bits cannot stop ---- */

static void perm_root(void) {
  struct stat st;
  int fd;
  make_file("nothing", 0000, USER, USER);
  make_dir("shut", 0000, USER, USER);
  fd = open("nothing", O_RDWR);
  CHECK(fd >= 0);
  close(fd);
  CHECK(ut_write_file("shut/made", "r", 1) == 1);
  CHECK(stat("shut/made", &st) == 0);
  CHECK(chdir("shut") == 0);
  CHECK(chdir("..") == 0);
  CHECK(chmod("nothing", 0640) == 0);                /* another user's file */
  CHECK(chown("nothing", OTHER_USER, OTHER_USER) == 0);
  CHECK(unlink("shut/made") == 0);
}

struct ut_case ut_perm_cases[] = {
  { "perm_classes", perm_classes },
  { "perm_search", perm_search },
  { "perm_create", perm_create },
  { "perm_sticky", perm_sticky },
  { "perm_chmod", perm_chmod },
  { "perm_chown", perm_chown },
  { "perm_utimes", perm_utimes },
  { "perm_access", perm_access },
  { "perm_truncate", perm_truncate },
  { "perm_exec", perm_exec },
  { "perm_rename_dir", perm_rename_dir },
  { "perm_setid_write", perm_setid_write },
  { "perm_setgid_dir", perm_setgid_dir },
  { "perm_root", perm_root },
  { 0, 0 },
};
