/* t_shm.c: shared memory (issue 13) — System V segments: data written by
 * one process read by another (a forked attacher and a fresh attach by
 * id), shmget's keys, sizes and limits (EINVAL, ENOENT, EEXIST, ENOSPC),
 * uid 1000 refused a 0600 segment, IPC_RMID taking effect at the last
 * detach, shm_nattch through shmat, fork, exit and shmdt, an SHM_RDONLY
 * attach killed by SIGSEGV on a store; tmpfs: ENOSPC at size=, statfs;
 * POSIX shm_open: two processes counting in one shared page under a
 * System V semaphore, names, O_CLOEXEC, shm_unlink.
 * The boot test test/kernel/shm.test.ts runs them and e2fsck after. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

#define USER 1000
#define TMPFS_MAGIC 0x01021994

static int seg_id;

static void become_user(void) {
  if (setresgid(USER, USER, USER) != 0 || setresuid(USER, USER, USER) != 0)
    _exit(99);
}

static unsigned long nattch_of(int id) {
  struct shmid_ds ds;
  if (shmctl(id, IPC_STAT, &ds) != 0)
    return 999;
  return ds.shm_nattch;
}

/* A child that attaches by id (nothing inherited) and writes its mark. */
static void attach_and_write(void) {
  char *p = (char *)shmat(seg_id, 0, 0);
  if (p == (char *)-1)
    _exit(1);
  if (strcmp(p, "from the parent") != 0)
    _exit(2);
  strcpy(p + 100, "from a stranger");
  _exit(shmdt(p) == 0 ? 0 : 3);
}

static void shm_data_between_processes(void) {
  char *p, *q;
  int pid, st;
  seg_id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
  CHECK(seg_id >= 0);
  p = (char *)shmat(seg_id, 0, 0);
  CHECK(p != (char *)-1);
  CHECK(((unsigned long)p & 4095) == 0);
  CHECK(p[0] == 0 && p[12287] == 0);   /* zeroed, the size rounded up to pages */
  strcpy(p, "from the parent");
  pid = fork();
  if (pid == 0) {
    /* The attach is inherited: the same memory, not a copy. */
    if (strcmp(p, "from the parent") != 0)
      _exit(1);
    strcpy(p + 8000, "from the child");
    _exit(0);
  }
  CHECK(ut_wait_status(pid) == 0);
  CHECK(strcmp(p + 8000, "from the child") == 0);
  /* A process that never inherited it: shmdt its copy, attach by id. */
  pid = fork();
  if (pid == 0) {
    if (shmdt(p) != 0)
      _exit(5);
    attach_and_write();
  }
  st = ut_wait_status(pid);
  CHECK(st == 0);
  CHECK(strcmp(p + 100, "from a stranger") == 0);
  /* A second attach in the same process maps the same pages elsewhere. */
  q = (char *)shmat(seg_id, 0, SHM_RDONLY);
  CHECK(q != (char *)-1 && q != p);
  CHECK(strcmp(q + 8000, "from the child") == 0);
  p[1] = 'X';
  CHECK(q[1] == 'X');
  CHECK(nattch_of(seg_id) == 2);
  CHECK(shmdt(q) == 0 && shmdt(p) == 0);
  CHECK(shmctl(seg_id, IPC_RMID, 0) == 0);
}

static void shm_keys_sizes_and_limits(void) {
  struct shmid_ds ds;
  struct shminfo64 info;
  int a, b, c;
  shmctl(shmget(0x5e6a, 0, 0), IPC_RMID, 0);
  CHECK_ERR(shmget(0x5e6a, 4096, 0600), ENOENT);          /* no such key, no IPC_CREAT */
  CHECK_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);         /* below SHMMIN */
  CHECK_ERR(shmget(IPC_PRIVATE, SHMMAX + 1, 0600), EINVAL);
  a = shmget(0x5e6a, 100, IPC_CREAT | 0640);
  CHECK(a >= 0);
  CHECK(shmget(0x5e6a, 50, 0) == a);                       /* found, smaller is fine */
  CHECK(shmget(0x5e6a, 100, IPC_CREAT) == a);
  CHECK_ERR(shmget(0x5e6a, 101, 0), EINVAL);               /* bigger than it is */
  CHECK_ERR(shmget(0x5e6a, 100, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
  CHECK(shmctl(a, IPC_STAT, &ds) == 0);
  CHECK(ds.shm_segsz == 100 && ds.shm_perm.__key == 0x5e6a && (ds.shm_perm.mode & 0777) == 0640);
  CHECK(ds.shm_cpid == getpid() && ds.shm_lpid == 0 && ds.shm_nattch == 0 && ds.shm_perm.cuid == 0);
  ds.shm_perm.mode = 0600;
  CHECK(shmctl(a, IPC_SET, &ds) == 0);
  CHECK(shmctl(a, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 0777) == 0600);
  CHECK(shmctl(a, IPC_INFO, (struct shmid_ds *)&info) >= 0 && info.shmmax == SHMMAX && info.shmall == SHMALL);
  /* SHMALL pages in all: two 16 MiB segments fit, a third does not
   * (nothing is touched, so no memory is used). */
  b = shmget(IPC_PRIVATE, SHMMAX, 0600);
  c = shmget(IPC_PRIVATE, SHMMAX - 4096, 0600);
  CHECK(b >= 0 && c >= 0);
  CHECK_ERR(shmget(IPC_PRIVATE, 8192, 0600), ENOSPC);
  CHECK(shmctl(c, IPC_RMID, 0) == 0);
  CHECK((c = shmget(IPC_PRIVATE, 8192, 0600)) >= 0);       /* room again */
  CHECK(shmctl(b, IPC_RMID, 0) == 0 && shmctl(c, IPC_RMID, 0) == 0);
  CHECK(shmctl(a, IPC_RMID, 0) == 0);
  CHECK_ERR(shmctl(a, IPC_STAT, &ds), EINVAL);             /* gone: the id is stale */
}

static void shm_as_user(void) {
  struct shmid_ds ds;
  become_user();
  errno = 0;
  if (shmat(seg_id, 0, 0) != (void *)-1 || errno != EACCES)
    _exit(1);
  errno = 0;
  if (shmat(seg_id, 0, SHM_RDONLY) != (void *)-1 || errno != EACCES)
    _exit(2);
  errno = 0;
  if (shmctl(seg_id, IPC_STAT, &ds) != -1 || errno != EACCES)
    _exit(3);
  errno = 0;
  if (shmctl(seg_id, IPC_RMID, 0) != -1 || errno != EPERM)
    _exit(4);
  errno = 0;
  if (shmget(0x5e6b, 4096, 0600) != -1 || errno != EACCES)   /* root's 0600, by key */
    _exit(5);
  _exit(0);
}

static void shm_permissions(void) {
  struct shmid_ds ds;
  shmctl(shmget(0x5e6b, 0, 0), IPC_RMID, 0);
  seg_id = shmget(0x5e6b, 4096, IPC_CREAT | 0600);
  CHECK(seg_id >= 0);
  CHECK(ut_fork_status(shm_as_user) == 0);
  CHECK(shmctl(seg_id, IPC_STAT, &ds) == 0);   /* untouched */
  CHECK(ds.shm_nattch == 0 && (ds.shm_perm.mode & 0777) == 0600);
  CHECK(shmctl(seg_id, IPC_RMID, 0) == 0);
}

static void shm_rmid_at_last_detach(void) {
  struct shmid_ds ds;
  char *p;
  int pid;
  shmctl(shmget(0x5e6c, 0, 0), IPC_RMID, 0);
  seg_id = shmget(0x5e6c, 4096, IPC_CREAT | 0600);
  CHECK(seg_id >= 0);
  p = (char *)shmat(seg_id, 0, 0);
  CHECK(p != (char *)-1);
  strcpy(p, "still here");
  pid = fork();
  if (pid == 0) {
    pause();   /* holds its inherited attach until killed */
    _exit(0);
  }
  CHECK(shmctl(seg_id, IPC_RMID, 0) == 0);
  /* Attached: it lives on, marked for destruction, its key gone. */
  CHECK(shmctl(seg_id, IPC_STAT, &ds) == 0);
  CHECK((ds.shm_perm.mode & SHM_DEST) && ds.shm_perm.__key == IPC_PRIVATE && ds.shm_nattch == 2);
  CHECK_ERR(shmget(0x5e6c, 4096, 0600), ENOENT);
  CHECK(strcmp(p, "still here") == 0);
  CHECK(shmdt(p) == 0);
  CHECK(nattch_of(seg_id) == 1);   /* the child's */
  CHECK(kill(pid, SIGKILL) == 0);
  ut_wait_status(pid);
  CHECK_ERR(shmctl(seg_id, IPC_STAT, &ds), EINVAL);   /* the last detach destroyed it */
}

static void shm_nattch_fork_exit(void) {
  char *p;
  int pid, fd[2];
  char c;
  seg_id = shmget(IPC_PRIVATE, 4096, 0600);
  CHECK(seg_id >= 0);
  CHECK(nattch_of(seg_id) == 0);
  p = (char *)shmat(seg_id, 0, 0);
  CHECK(p != (char *)-1 && nattch_of(seg_id) == 1);
  CHECK(pipe(fd) == 0);
  pid = fork();
  if (pid == 0) {
    close(fd[1]);
    read(fd[0], &c, 1);   /* waits for the parent's look */
    _exit(nattch_of(seg_id) == 2 ? 0 : 1);
  }
  close(fd[0]);
  CHECK(nattch_of(seg_id) == 2);   /* fork attached the child too */
  write(fd[1], "x", 1);
  close(fd[1]);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(nattch_of(seg_id) == 1);   /* its exit detached it */
  CHECK(shmdt(p) == 0 && nattch_of(seg_id) == 0);
  CHECK_ERR(shmdt(p), EINVAL);     /* nothing attached there any more */
  CHECK_ERR(shmdt(p + 1), EINVAL);
  CHECK(shmctl(seg_id, IPC_RMID, 0) == 0);
}

static char *ro_map;

static void store_to_readonly(void) {
  ro_map[0] = 'x';
  _exit(0);
}

static void shm_rdonly_sigsegv(void) {
  char *p;
  int st;
  seg_id = shmget(IPC_PRIVATE, 4096, 0600);
  CHECK(seg_id >= 0);
  p = (char *)shmat(seg_id, 0, 0);
  CHECK(p != (char *)-1);
  strcpy(p, "read me");
  ro_map = (char *)shmat(seg_id, 0, SHM_RDONLY);
  CHECK(ro_map != (char *)-1);
  CHECK(strcmp(ro_map, "read me") == 0);
  st = ut_fork_status(store_to_readonly);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  CHECK_ERR(mprotect(ro_map, 4096, PROT_READ | PROT_WRITE), EACCES);   /* never writable */
  CHECK(strcmp(p, "read me") == 0);
  /* Addresses: unaligned is EINVAL unless SHM_RND rounds it down. */
  CHECK(shmdt(ro_map) == 0);
  CHECK(shmat(seg_id, ro_map + 10, 0) == (void *)-1 && errno == EINVAL);
  CHECK(shmat(seg_id, ro_map + 10, SHM_RND) == (void *)ro_map);
  CHECK(shmat(seg_id, p, 0) == (void *)-1 && errno == EINVAL);   /* taken, no SHM_REMAP */
  CHECK(shmdt(ro_map) == 0 && shmdt(p) == 0);
  CHECK(shmctl(seg_id, IPC_RMID, 0) == 0);
}

static void tmpfs_enospc_at_size(void) {
  static char block[4096];
  struct statfs s;
  int fd, n;
  CHECK(mkdir("t", 0755) == 0);
  CHECK(mount("tmpfs", "t", "tmpfs", 0, "size=8k,mode=0700") == 0);
  CHECK(statfs("t", &s) == 0);
  CHECK(s.f_type == TMPFS_MAGIC && s.f_bsize == 4096 && s.f_blocks == 2 && s.f_bfree == 2);
  fd = open("t/f", O_CREAT | O_RDWR, 0644);
  CHECK(fd >= 0);
  memset(block, 'a', sizeof block);
  CHECK(write(fd, block, 4096) == 4096);
  CHECK(write(fd, block, 100) == 100);
  n = write(fd, block, 8192);   /* room for the rest of the second page only */
  CHECK(n == 4096 - 100);
  CHECK_ERR(write(fd, block, 1), ENOSPC);
  CHECK(statfs("t", &s) == 0 && s.f_bfree == 0);
  CHECK(ftruncate(fd, 4096) == 0);   /* a page back */
  CHECK(statfs("t", &s) == 0 && s.f_bfree == 1);
  CHECK(write(fd, block, 10) == 10);
  CHECK(pread(fd, block, 4, 0) == 4 && memcmp(block, "aaaa", 4) == 0);
  close(fd);
  CHECK(unlink("t/f") == 0);
  CHECK(statfs("t", &s) == 0 && s.f_bfree == 2);
  CHECK_ERR(mount("tmpfs", "t", "tmpfs", 0, "size=8q"), EINVAL);
  CHECK_ERR(mount("tmpfs", "t", "tmpfs", 0, "colour=blue"), EINVAL);
  CHECK(umount("t") == 0);
}

static int sem_change(int id, int op) {
  struct sembuf b;
  b.sem_num = 0;
  b.sem_op = (short)op;
  b.sem_flg = 0;
  return semop(id, &b, 1);
}

/* Adds 1 to the shared counter `rounds` times, each under the semaphore;
 * the read and the write are apart (a yield between), so without the
 * lock the two processes would lose updates. */
static int count(int fd, int sem, int rounds) {
  volatile int *counter = (volatile int *)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int i;
  if (counter == MAP_FAILED)
    return -1;
  for (i = 0; i < rounds; i++) {
    int v;
    if (sem_change(sem, -1) != 0)
      return -1;
    v = *counter;
    sched_yield();
    *counter = v + 1;
    if (sem_change(sem, 1) != 0)
      return -1;
  }
  return munmap((void *)counter, 4096);
}

static void shm_open_round_trip(void) {
  int fd, fd2, sem, pid, flags;
  int *counter;
  struct stat st;
  shm_unlink("/ut_counter");
  fd = shm_open("/ut_counter", O_CREAT | O_EXCL | O_RDWR, 0600);
  CHECK(fd >= 0);
  flags = fcntl(fd, F_GETFD);
  CHECK(flags >= 0 && (flags & FD_CLOEXEC));
  CHECK(stat("/dev/shm/ut_counter", &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600);
  CHECK(ftruncate(fd, 4096) == 0);
  CHECK(shm_open("ut_counter", O_CREAT | O_EXCL | O_RDWR, 0600) == -1 && errno == EEXIST);
  sem = semget(IPC_PRIVATE, 1, 0600);
  CHECK(sem >= 0 && semctl(sem, 0, SETVAL, 1) == 0);
  pid = fork();
  if (pid == 0) {
    /* a fresh open by name, as an unrelated process would do */
    int own = shm_open("ut_counter", O_RDWR, 0);
    _exit(own >= 0 && count(own, sem, 200) == 0 ? 0 : 1);
  }
  CHECK(count(fd, sem, 200) == 0);
  CHECK(ut_wait_status(pid) == 0);
  counter = (int *)mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 0);
  CHECK(counter != MAP_FAILED);
  CHECK(*counter == 400);
  CHECK(pread(fd, &flags, 4, 0) == 4 && flags == 400);   /* read(2) sees the same page */
  CHECK(munmap(counter, 4096) == 0);
  CHECK(semctl(sem, 0, IPC_RMID) == 0);
  CHECK(shm_open("", O_RDONLY, 0) == -1 && errno == EINVAL);
  CHECK(shm_open("/a/b", O_RDONLY, 0) == -1 && errno == EINVAL);
  CHECK(shm_unlink("/ut_counter") == 0);
  fd2 = shm_open("/ut_counter", O_RDWR, 0);
  CHECK(fd2 == -1 && errno == ENOENT);
  CHECK(pread(fd, &flags, 4, 0) == 4 && flags == 400);   /* unlinked, still open */
  close(fd);
  CHECK(shm_unlink("/ut_counter") == -1 && errno == ENOENT);
}

struct ut_case ut_shm_cases[] = {
  { "shm_data_between_processes", shm_data_between_processes },
  { "shm_keys_sizes_and_limits", shm_keys_sizes_and_limits },
  { "shm_permissions", shm_permissions },
  { "shm_rmid_at_last_detach", shm_rmid_at_last_detach },
  { "shm_nattch_fork_exit", shm_nattch_fork_exit },
  { "shm_rdonly_sigsegv", shm_rdonly_sigsegv },
  { "tmpfs_enospc_at_size", tmpfs_enospc_at_size },
  { "shm_open_round_trip", shm_open_round_trip },
  { 0, 0 },
};
