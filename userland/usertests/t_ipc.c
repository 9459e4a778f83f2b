/* t_ipc.c: inter-process communication beyond pipes (issue 13) — eventfd:
 * the counter summed by writes and emptied by a read, EFD_SEMAPHORE
 * handing out one at a time, O_NONBLOCK's EAGAIN on an empty or full
 * counter, the 8-byte rule (EINVAL), a reader in a forked child woken by
 * the parent's write with the value intact, EFD_CLOEXEC and bad flags.
 * System V message queues: types picked by msgtyp 0/>0/<0 and MSG_EXCEPT
 * between forked processes, IPC_NOWAIT (ENOMSG, EAGAIN at msg_qbytes),
 * E2BIG and MSG_NOERROR, keys with IPC_CREAT/IPC_EXCL, IPC_STAT/IPC_SET,
 * permissions as uid 1000, IPC_RMID waking a sleeper with EIDRM.
 * System V semaphores: semop's operations all or nothing, waits for a
 * value and for zero between processes (GETNCNT/GETZCNT), SEM_UNDO
 * undone at exit (and at a kill), the value ranges, EIDRM, uid 1000.
 * POSIX message queues: priorities between processes, a blocked receiver
 * woken, O_NONBLOCK, EMSGSIZE, timeouts, attributes, names, uid 1000,
 * mq_notify's one signal per registration.
 * The boot test test/kernel/ipc.test.ts runs them and e2fsck after. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <signal.h>
#include <mqueue.h>
#include <time.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

int __sys_nanosleep(const unsigned int *req, unsigned int *rem);

static void nap(unsigned int ms) {
  unsigned int req[2];
  req[0] = ms / 1000;
  req[1] = (ms % 1000) * 1000000;
  __sys_nanosleep(req, 0);
}

static void eventfd_counter(void) {
  eventfd_t v = 0;
  unsigned int small = 0;
  int fd = eventfd(5, EFD_NONBLOCK);
  CHECK(fd >= 0);
  CHECK(read(fd, &v, sizeof v) == 8 && v == 5);
  CHECK_ERR(read(fd, &v, sizeof v), EAGAIN);           /* read emptied it */
  CHECK(eventfd_write(fd, 3) == 0 && eventfd_write(fd, 4) == 0);
  CHECK(eventfd_read(fd, &v) == 0 && v == 7);          /* writes add up */
  CHECK(eventfd_write(fd, 0x100000002ULL) == 0);       /* the high half counts */
  CHECK(eventfd_read(fd, &v) == 0 && v == 0x100000002ULL);
  CHECK_ERR(read(fd, &small, sizeof small), EINVAL);   /* less than 8 bytes */
  CHECK_ERR(write(fd, &small, sizeof small), EINVAL);
  v = 0xffffffffffffffffULL;
  CHECK_ERR(write(fd, &v, sizeof v), EINVAL);          /* the one value never allowed */
  CHECK(eventfd_write(fd, 0xfffffffffffffffeULL) == 0); /* the largest counter */
  v = 1;
  CHECK_ERR(write(fd, &v, sizeof v), EAGAIN);          /* would overflow */
  CHECK(eventfd_read(fd, &v) == 0 && v == 0xfffffffffffffffeULL);
  close(fd);
}

static void eventfd_semaphore(void) {
  eventfd_t v = 0;
  int fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
  int i;
  CHECK(fd >= 0);
  for (i = 0; i < 3; i++)
    CHECK(eventfd_read(fd, &v) == 0 && v == 1);
  CHECK_ERR(read(fd, &v, sizeof v), EAGAIN);
  CHECK(eventfd_write(fd, 0x100000000ULL) == 0);       /* decrement borrows from the high half */
  CHECK(eventfd_read(fd, &v) == 0 && v == 1);
  CHECK(fcntl(fd, F_SETFL, 0) == 0);                   /* blocking from here on */
  CHECK(eventfd_read(fd, &v) == 0 && v == 1);
  close(fd);
}

static void eventfd_between_processes(void) {
  int fd = eventfd(0, 0);
  int back = eventfd(0, 0);
  int pid;
  eventfd_t v = 0;
  CHECK(fd >= 0 && back >= 0);
  pid = fork();
  if (pid == 0) {
    eventfd_t got = 0;
    if (eventfd_read(fd, &got) != 0 || got != 42)   /* waits for the parent */
      _exit(1);
    if (eventfd_write(back, got + 1) != 0)
      _exit(2);
    _exit(0);
  }
  nap(30);   /* the child is asleep in read by now */
  CHECK(eventfd_write(fd, 42) == 0);
  CHECK(eventfd_read(back, &v) == 0 && v == 43);
  CHECK(ut_wait_status(pid) == 0);
  close(fd);
  close(back);
}

static void eventfd_flags(void) {
  int fd = eventfd(0, EFD_CLOEXEC);
  int plain = eventfd(0, 0);
  char link[64];
  char path[32];
  int n;
  CHECK(fd >= 0 && plain >= 0);
  CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
  CHECK(fcntl(plain, F_GETFD) == 0);
  CHECK((fcntl(plain, F_GETFL) & O_NONBLOCK) == 0 && (fcntl(plain, F_GETFL) & O_ACCMODE) == O_RDWR);
  CHECK_ERR(eventfd(0, 8), EINVAL);
  sprintf(path, "/proc/self/fd/%d", fd);
  n = readlink(path, link, sizeof link - 1);
  CHECK(n > 0);
  link[n > 0 ? n : 0] = 0;
  CHECK(strcmp(link, "anon_inode:[eventfd]") == 0);
  close(fd);
  close(plain);
}

#define USER 1000

struct text_msg {
  long mtype;
  char mtext[32];
};

static int send_text(int id, long type, const char *text, int flags) {
  struct text_msg m;
  m.mtype = type;
  strcpy(m.mtext, text);
  return msgsnd(id, &m, strlen(text) + 1, flags);
}

/* Receives into m; the text's length, or -1. */
static int receive(int id, struct text_msg *m, long type, int flags) {
  memset(m, 0, sizeof *m);
  return msgrcv(id, m, sizeof m->mtext, type, flags);
}

static void become_user(void) {
  if (setresgid(USER, USER, USER) != 0 || setresuid(USER, USER, USER) != 0)
    _exit(99);
}

static void msg_types_between_processes(void) {
  struct text_msg m;
  int id = msgget(IPC_PRIVATE, 0600);
  int pid;
  CHECK(id >= 0);
  pid = fork();
  if (pid == 0) {
    struct text_msg r;
    /* waits: nothing of type 9 yet */
    if (receive(id, &r, 9, 0) != 6 || r.mtype != 9 || strcmp(r.mtext, "ready") != 0)
      _exit(1);
    if (send_text(id, 3, "three", 0) || send_text(id, 1, "one", 0) || send_text(id, 2, "two", 0) ||
        send_text(id, 1, "uno", 0))
      _exit(2);
    _exit(0);
  }
  CHECK(send_text(id, 9, "ready", 0) == 0);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(receive(id, &m, 2, 0) == 4 && m.mtype == 2 && strcmp(m.mtext, "two") == 0);    /* by type */
  CHECK(receive(id, &m, -3, 0) == 4 && m.mtype == 1 && strcmp(m.mtext, "one") == 0);   /* lowest <= 3 */
  CHECK(receive(id, &m, 1, MSG_EXCEPT) == 6 && m.mtype == 3 && strcmp(m.mtext, "three") == 0);
  CHECK(receive(id, &m, 0, 0) == 4 && m.mtype == 1 && strcmp(m.mtext, "uno") == 0);    /* the first */
  CHECK_ERR(receive(id, &m, 0, IPC_NOWAIT), ENOMSG);
  CHECK(msgctl(id, IPC_RMID, 0) == 0);
}

static void msg_limits(void) {
  struct text_msg m;
  struct msqid_ds ds;
  struct { long mtype; char mtext[8200]; } *big = malloc(sizeof *big);
  int id = msgget(IPC_PRIVATE, 0600);
  CHECK(id >= 0 && big != 0);
  CHECK(send_text(id, 5, "a long message", 0) == 0);
  CHECK_ERR(msgrcv(id, &m, 4, 0, IPC_NOWAIT), E2BIG);          /* stays queued */
  CHECK(msgrcv(id, &m, 4, 0, IPC_NOWAIT | MSG_NOERROR) == 4);  /* cut to 4 */
  CHECK(m.mtype == 5 && memcmp(m.mtext, "a lo", 4) == 0);
  CHECK_ERR(msgrcv(id, &m, 4, 0, IPC_NOWAIT), ENOMSG);         /* the rest went with it */
  CHECK_ERR(send_text(id, 0, "x", 0), EINVAL);                 /* types are > 0 */
  big->mtype = 1;
  CHECK_ERR(msgsnd(id, big, 8193, 0), EINVAL);                 /* past MSGMAX */
  CHECK(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qbytes == 16384 && ds.msg_qnum == 0);
  ds.msg_qbytes = 10;
  CHECK(msgctl(id, IPC_SET, &ds) == 0);
  CHECK(send_text(id, 1, "1234567", 0) == 0);                  /* 8 bytes */
  CHECK_ERR(send_text(id, 1, "1234567", IPC_NOWAIT), EAGAIN);  /* 16 > 10 */
  CHECK(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qnum == 1 && ds.__msg_cbytes == 8 && ds.msg_qbytes == 10);
  CHECK(ds.msg_lspid == getpid() && ds.msg_perm.uid == getuid() && (ds.msg_perm.mode & 0777) == 0600);
  CHECK(msgctl(id, IPC_RMID, 0) == 0);
  CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
  CHECK_ERR(send_text(id, 1, "x", 0), EINVAL);
  free(big);
}

static void msg_keys(void) {
  struct msqid_ds ds;
  key_t key = ftok("/bin/sh", 'q');
  int id, again;
  CHECK(key != -1 && key != IPC_PRIVATE);
  msgctl(msgget(key, 0), IPC_RMID, 0);   /* a leftover from an earlier run */
  CHECK_ERR(msgget(key, 0600), ENOENT);
  id = msgget(key, IPC_CREAT | 0640);
  CHECK(id >= 0);
  again = msgget(key, IPC_CREAT | 0600);
  CHECK(again == id);
  CHECK(msgget(key, 0) == id);
  CHECK_ERR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
  CHECK(msgget(IPC_PRIVATE, 0600) != id);                      /* private: always new */
  CHECK(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_perm.__key == key && (ds.msg_perm.mode & 0777) == 0640);
  CHECK(ds.msg_perm.cuid == 0 && ds.msg_perm.uid == 0);
  CHECK(msgctl(id, IPC_RMID, 0) == 0);
  CHECK_ERR(msgget(key, 0), ENOENT);
  again = msgget(key, IPC_CREAT | 0600);
  CHECK(again >= 0 && again != id);                            /* a new id, not the old one */
  CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
  CHECK(msgctl(again, IPC_RMID, 0) == 0);
}

static int private_id, shared_id;

static void msg_as_user(void) {
  struct msqid_ds ds;
  struct text_msg m;
  become_user();
  if (msgget(0x51ed, 0) != private_id || msgget(0x51ee, 0666) != shared_id)   /* no bits asked: found */
    _exit(1);
  errno = 0;
  if (msgget(0x51ed, 0600) != -1 || errno != EACCES)   /* 0600 of root's */
    _exit(2);
  errno = 0;
  if (send_text(private_id, 1, "no", 0) != -1 || errno != EACCES)
    _exit(3);
  errno = 0;
  if (msgctl(private_id, IPC_STAT, &ds) != -1 || errno != EACCES)
    _exit(4);
  if (send_text(shared_id, 7, "from 1000", 0) != 0)   /* 0666: anyone may send */
    _exit(5);
  if (msgctl(shared_id, IPC_STAT, &ds) != 0)
    _exit(6);
  errno = 0;
  if (msgctl(shared_id, IPC_SET, &ds) != -1 || errno != EPERM)   /* not the owner */
    _exit(7);
  errno = 0;
  if (msgctl(shared_id, IPC_RMID, 0) != -1 || errno != EPERM)
    _exit(8);
  if (receive(shared_id, &m, 0, IPC_NOWAIT) != 10 || strcmp(m.mtext, "from 1000") != 0)
    _exit(9);
  if (send_text(shared_id, 7, "again", 0) != 0)
    _exit(10);
}

static void msg_permissions(void) {
  struct msqid_ds ds;
  struct text_msg m;
  msgctl(msgget(0x51ed, 0), IPC_RMID, 0);
  msgctl(msgget(0x51ee, 0), IPC_RMID, 0);
  private_id = msgget(0x51ed, IPC_CREAT | 0600);
  shared_id = msgget(0x51ee, IPC_CREAT | 0666);
  CHECK(private_id >= 0 && shared_id >= 0);
  CHECK(ut_fork_status(msg_as_user) == 0);
  CHECK(receive(shared_id, &m, 0, IPC_NOWAIT) == 6 && strcmp(m.mtext, "again") == 0);
  CHECK(msgctl(shared_id, IPC_STAT, &ds) == 0);
  ds.msg_qbytes = 20000;   /* past MSGMNB: root may */
  ds.msg_perm.uid = USER;  /* and give it away */
  CHECK(msgctl(shared_id, IPC_SET, &ds) == 0);
  CHECK(msgctl(shared_id, IPC_STAT, &ds) == 0 && ds.msg_qbytes == 20000 && ds.msg_perm.uid == USER && ds.msg_perm.cuid == 0);
  CHECK(msgctl(private_id, IPC_RMID, 0) == 0);
  CHECK(msgctl(shared_id, IPC_RMID, 0) == 0);
}

static void msg_rmid_wakes_sleepers(void) {
  int id = msgget(IPC_PRIVATE, 0600);
  int pid;
  CHECK(id >= 0);
  pid = fork();
  if (pid == 0) {
    struct text_msg r;
    errno = 0;
    if (receive(id, &r, 0, 0) != -1 || errno != EIDRM)   /* asleep until the queue goes */
      _exit(1);
    _exit(0);
  }
  nap(30);
  CHECK(msgctl(id, IPC_RMID, 0) == 0);
  CHECK(ut_wait_status(pid) == 0);
}

static int sem_op(int id, int num, int op, int flags) {
  struct sembuf b;
  b.sem_num = (unsigned short)num;
  b.sem_op = (short)op;
  b.sem_flg = (short)flags;
  return semop(id, &b, 1);
}

static void sem_values_and_atomicity(void) {
  unsigned short all[3];
  struct sembuf two[2];
  struct semid_ds ds;
  int id = semget(IPC_PRIVATE, 3, 0600);
  CHECK(id >= 0);
  CHECK(semctl(id, 0, GETVAL) == 0 && semctl(id, 2, GETVAL) == 0);   /* new sets start at 0 */
  CHECK(semctl(id, 0, SETVAL, 1) == 0 && semctl(id, 0, GETVAL) == 1);
  CHECK(semctl(id, 0, GETPID) == getpid());
  all[0] = 4; all[1] = 0; all[2] = 9;
  CHECK(semctl(id, 0, SETALL, all) == 0);
  all[0] = all[1] = all[2] = 77;
  CHECK(semctl(id, 0, GETALL, all) == 0 && all[0] == 4 && all[1] == 0 && all[2] == 9);
  /* take one of sem 0 and one of sem 1: sem 1 is 0, so neither happens */
  two[0].sem_num = 0; two[0].sem_op = -1; two[0].sem_flg = IPC_NOWAIT;
  two[1].sem_num = 1; two[1].sem_op = -1; two[1].sem_flg = IPC_NOWAIT;
  CHECK_ERR(semop(id, two, 2), EAGAIN);
  CHECK(semctl(id, 0, GETVAL) == 4);
  two[1].sem_num = 2;
  CHECK(semop(id, two, 2) == 0 && semctl(id, 0, GETVAL) == 3 && semctl(id, 2, GETVAL) == 8);
  two[0].sem_num = 1; two[0].sem_op = 0; two[0].sem_flg = IPC_NOWAIT;   /* wait-for-zero on a zero: passes */
  CHECK(semop(id, two, 1) == 0);
  two[0].sem_num = 3;
  CHECK_ERR(semop(id, two, 1), EFBIG);
  CHECK_ERR(semop(id, two, 0), EINVAL);
  {
    struct timespec wait;
    wait.tv_sec = 0;
    wait.tv_nsec = 100000000;
    CHECK_ERR(semtimedop(id, two, 1, &wait), EFBIG);
    two[0].sem_num = 1;
    two[0].sem_op = -1;
    two[0].sem_flg = 0;
    CHECK_ERR(semtimedop(id, two, 1, &wait), EAGAIN);   /* sem 1 stays 0: the wait times out */
    wait.tv_nsec = -1;
    CHECK_ERR(semtimedop(id, two, 1, &wait), EINVAL);
    two[0].sem_num = 3;
  }
  CHECK_ERR(semctl(id, 0, SETVAL, 32768), ERANGE);
  CHECK(semctl(id, 0, SETVAL, 32767) == 0);
  CHECK_ERR(sem_op(id, 0, 1, IPC_NOWAIT), ERANGE);
  CHECK_ERR(semctl(id, 3, GETVAL), EINVAL);
  CHECK(semctl(id, 0, IPC_STAT, &ds) == 0 && ds.sem_nsems == 3 && (ds.sem_perm.mode & 0777) == 0600);
  semctl(semget(0x5e4, 0, 0), 0, IPC_RMID);
  CHECK_ERR(semget(0x5e4, 0, IPC_CREAT | 0600), EINVAL);   /* a new set needs semaphores */
  CHECK(semget(0x5e4, 2, IPC_CREAT | 0600) >= 0);
  CHECK_ERR(semget(0x5e4, 3, 0), EINVAL);                  /* bigger than it is */
  CHECK(semget(0x5e4, 1, 0) >= 0);
  CHECK(semctl(semget(0x5e4, 0, 0), 0, IPC_RMID) == 0);
  CHECK(semctl(id, 0, IPC_RMID) == 0);
  CHECK_ERR(semctl(id, 0, GETVAL), EINVAL);
}

static void sem_waits_between_processes(void) {
  int id = semget(IPC_PRIVATE, 2, 0600);
  int taker, zero;
  CHECK(id >= 0);
  taker = fork();
  if (taker == 0) {
    if (sem_op(id, 0, -2, 0) != 0)   /* waits for two */
      _exit(1);
    if (sem_op(id, 1, 5, 0) != 0)
      _exit(2);
    _exit(0);
  }
  nap(30);
  CHECK(semctl(id, 0, GETNCNT) == 1 && semctl(id, 0, GETZCNT) == 0);
  CHECK(sem_op(id, 0, 1, 0) == 0);   /* one is not enough */
  nap(30);
  CHECK(semctl(id, 0, GETNCNT) == 1 && semctl(id, 1, GETVAL) == 0);
  CHECK(sem_op(id, 0, 1, 0) == 0);
  CHECK(ut_wait_status(taker) == 0);
  CHECK(semctl(id, 0, GETVAL) == 0 && semctl(id, 1, GETVAL) == 5 && semctl(id, 1, GETPID) == taker);
  zero = fork();
  if (zero == 0) {
    if (sem_op(id, 1, 0, 0) != 0)    /* waits until sem 1 is 0 */
      _exit(1);
    _exit(0);
  }
  nap(30);
  CHECK(semctl(id, 1, GETZCNT) == 1 && semctl(id, 1, GETNCNT) == 0);
  CHECK(sem_op(id, 1, -5, 0) == 0);
  CHECK(ut_wait_status(zero) == 0);
  CHECK(semctl(id, 1, GETZCNT) == 0);
  CHECK(semctl(id, 0, IPC_RMID) == 0);
}

static void sem_undo_at_exit(void) {
  int id = semget(IPC_PRIVATE, 2, 0600);
  int pid, st;
  CHECK(id >= 0);
  CHECK(semctl(id, 0, SETVAL, 2) == 0);
  pid = fork();
  if (pid == 0) {
    if (sem_op(id, 0, -1, SEM_UNDO) != 0 || sem_op(id, 0, -1, SEM_UNDO) != 0 || sem_op(id, 1, 3, SEM_UNDO) != 0 ||
        sem_op(id, 1, 4, 0) != 0)
      _exit(1);
    _exit(0);
  }
  CHECK(ut_wait_status(pid) == 0);
  CHECK(semctl(id, 0, GETVAL) == 2);   /* both takes given back */
  CHECK(semctl(id, 1, GETVAL) == 4);   /* the +3 undone, the +4 without SEM_UNDO kept */
  CHECK(semctl(id, 0, GETPID) == pid);
  pid = fork();
  if (pid == 0) {
    sem_op(id, 0, -2, SEM_UNDO);
    for (;;)
      pause();
  }
  nap(30);
  CHECK(semctl(id, 0, GETVAL) == 0);
  CHECK(kill(pid, SIGKILL) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
  CHECK(semctl(id, 0, GETVAL) == 2);   /* a killed process is undone too */
  CHECK(sem_op(id, 1, -4, SEM_UNDO) == 0);
  CHECK(semctl(id, 1, SETVAL, 1) == 0);   /* SETVAL forgets this process's adjustment */
  CHECK(semctl(id, 0, IPC_RMID) == 0);
}

static int sem_shared_id;

static void sem_as_user(void) {
  unsigned short all[1];
  become_user();
  errno = 0;
  if (semctl(sem_shared_id, 0, GETVAL) != -1 || errno != EACCES)
    _exit(1);
  errno = 0;
  if (sem_op(sem_shared_id, 0, 1, 0) != -1 || errno != EACCES)
    _exit(2);
  errno = 0;
  if (semctl(sem_shared_id, 0, GETALL, all) != -1 || errno != EACCES)
    _exit(3);
  errno = 0;
  if (semctl(sem_shared_id, 0, IPC_RMID) != -1 || errno != EPERM)
    _exit(4);
}

static void sem_rmid_and_permissions(void) {
  int id = semget(IPC_PRIVATE, 1, 0600);
  int pid;
  CHECK(id >= 0);
  pid = fork();
  if (pid == 0) {
    errno = 0;
    if (sem_op(id, 0, -1, 0) != -1 || errno != EIDRM)
      _exit(1);
    _exit(0);
  }
  nap(30);
  CHECK(semctl(id, 0, IPC_RMID) == 0);
  CHECK(ut_wait_status(pid) == 0);
  sem_shared_id = semget(IPC_PRIVATE, 1, 0600);
  CHECK(sem_shared_id >= 0);
  CHECK(ut_fork_status(sem_as_user) == 0);
  CHECK(semctl(sem_shared_id, 0, IPC_RMID) == 0);
}

static mqd_t mq_make(const char *name, int flags, long maxmsg, long msgsize) {
  struct mq_attr a;
  memset(&a, 0, sizeof a);
  a.mq_maxmsg = maxmsg;
  a.mq_msgsize = msgsize;
  mq_unlink(name);
  return mq_open(name, O_CREAT | flags, 0600, &a);
}

static void mq_priorities_between_processes(void) {
  static const char *sent[] = { "a1", "b5", "c1", "d9", "e5" };
  static const unsigned int prios[] = { 1, 5, 1, 9, 5 };
  static const char *order = "dbeac";   /* highest first, in order within one */
  char buf[64];
  unsigned int prio = 99;
  int pid, i;
  mqd_t q = mq_make("/ut_prio", O_RDWR, 8, 64);
  CHECK(q >= 0);
  pid = fork();
  if (pid == 0) {
    mqd_t w = mq_open("/ut_prio", O_WRONLY);   /* by name, from another process */
    for (i = 0; i < 5; i++)
      if (w < 0 || mq_send(w, sent[i], 3, prios[i]) != 0)
        _exit(1);
    _exit(0);
  }
  CHECK(ut_wait_status(pid) == 0);
  for (i = 0; i < 5; i++) {
    memset(buf, 0, sizeof buf);
    CHECK(mq_receive(q, buf, sizeof buf, &prio) == 3);
    CHECK(buf[0] == order[i] && prio == (unsigned int)(buf[1] - '0'));
  }
  pid = fork();
  if (pid == 0) {   /* asleep on the empty queue until the parent sends */
    char got[64];
    unsigned int p = 0;
    if (mq_receive(q, got, sizeof got, &p) != 6 || strcmp(got, "wake!") != 0 || p != 3)
      _exit(1);
    _exit(0);
  }
  nap(30);
  CHECK(mq_send(q, "wake!", 6, 3) == 0);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(mq_close(q) == 0 && mq_unlink("/ut_prio") == 0);
}

static void mq_limits_and_timeouts(void) {
  struct mq_attr a, old;
  struct timespec until;
  char buf[32];
  int fd;
  mqd_t q = mq_make("/ut_lim", O_RDWR | O_NONBLOCK, 2, 16);
  CHECK(q >= 0);
  CHECK_ERR(mq_receive(q, buf, sizeof buf, 0), EAGAIN);
  CHECK(mq_send(q, "one", 4, 0) == 0 && mq_send(q, "two", 4, 0) == 0);
  CHECK_ERR(mq_send(q, "three", 6, 0), EAGAIN);                 /* mq_maxmsg 2 */
  CHECK_ERR(mq_send(q, "0123456789abcdefg", 17, 0), EMSGSIZE);  /* mq_msgsize 16 */
  CHECK_ERR(mq_send(q, "x", 1, 32768), EINVAL);                 /* MQ_PRIO_MAX */
  CHECK_ERR(mq_receive(q, buf, 15, 0), EMSGSIZE);               /* smaller than mq_msgsize */
  CHECK(mq_getattr(q, &a) == 0 && a.mq_maxmsg == 2 && a.mq_msgsize == 16 && a.mq_curmsgs == 2);
  CHECK(a.mq_flags == O_NONBLOCK);
  memset(&a, 0, sizeof a);
  CHECK(mq_setattr(q, &a, &old) == 0 && old.mq_flags == O_NONBLOCK);
  CHECK(mq_getattr(q, &a) == 0 && a.mq_flags == 0);
  CHECK(clock_gettime(CLOCK_REALTIME, &until) == 0);
  until.tv_nsec += 200000000;
  if (until.tv_nsec >= 1000000000) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000;
  }
  CHECK_ERR(mq_timedsend(q, "late", 5, 0, &until), ETIMEDOUT);   /* full: waits, then gives up */
  CHECK(mq_receive(q, buf, sizeof buf, 0) == 4 && strcmp(buf, "one") == 0);
  CHECK(mq_timedsend(q, "room", 5, 0, &until) == 0);            /* room: the timeout is not looked at */
  CHECK(mq_receive(q, buf, sizeof buf, 0) == 4 && strcmp(buf, "two") == 0);
  CHECK(mq_receive(q, buf, sizeof buf, 0) == 5 && strcmp(buf, "room") == 0);
  until.tv_nsec = 1000000000;
  CHECK_ERR(mq_timedreceive(q, buf, sizeof buf, 0, &until), EINVAL);   /* empty, bad timeout */
  until.tv_sec = 0;
  until.tv_nsec = 0;
  CHECK_ERR(mq_timedreceive(q, buf, sizeof buf, 0, &until), ETIMEDOUT);   /* in the past */
  fd = open("/bin/sh", O_RDONLY);
  CHECK_ERR(mq_send(fd, "x", 1, 0), EBADF);   /* not a queue */
  close(fd);
  CHECK(mq_close(q) == 0);
  q = mq_open("/ut_lim", O_RDONLY);
  CHECK(q >= 0);
  CHECK_ERR(mq_send(q, "x", 1, 0), EBADF);    /* opened for reading only */
  CHECK(mq_close(q) == 0 && mq_unlink("/ut_lim") == 0);
}

static void mq_as_user(void) {
  struct mq_attr a;
  mqd_t q;
  become_user();
  errno = 0;
  if (mq_open("/ut_names", O_RDONLY) != -1 || errno != EACCES)   /* root's 0600 */
    _exit(1);
  errno = 0;
  if (mq_unlink("/ut_names") != -1 || errno != EACCES)
    _exit(2);
  memset(&a, 0, sizeof a);
  a.mq_maxmsg = 11;   /* above a user's limit of 10 */
  a.mq_msgsize = 8;
  errno = 0;
  if (mq_open("/ut_user", O_CREAT | O_RDWR, 0600, &a) != -1 || errno != EINVAL)
    _exit(3);
  a.mq_maxmsg = 10;
  q = mq_open("/ut_user", O_CREAT | O_RDWR, 0600, &a);
  if (q < 0 || mq_unlink("/ut_user") != 0)
    _exit(4);
}

static void mq_names(void) {
  struct mq_attr a;
  char buf[8192];
  mqd_t q, again;
  mq_unlink("/ut_names");
  CHECK_ERR(mq_open("/ut_names", O_RDWR), ENOENT);
  CHECK_ERR(mq_open("ut_names", O_RDWR | O_CREAT, 0600, 0), EINVAL);   /* no leading slash */
  CHECK_ERR(mq_open("/ut/names", O_RDWR | O_CREAT, 0600, 0), EACCES);
  memset(&a, 0, sizeof a);
  CHECK_ERR(mq_open("/ut_names", O_RDWR | O_CREAT, 0600, &a), EINVAL);   /* mq_maxmsg 0 */
  q = mq_open("/ut_names", O_RDWR | O_CREAT, 0600, 0);
  CHECK(q >= 0);
  CHECK(mq_getattr(q, &a) == 0 && a.mq_maxmsg == 10 && a.mq_msgsize == 8192);   /* the defaults */
  CHECK_ERR(mq_open("/ut_names", O_RDWR | O_CREAT | O_EXCL, 0600, 0), EEXIST);
  again = mq_open("/ut_names", O_RDWR | O_CREAT, 0600, 0);
  CHECK(again >= 0 && again != q);
  CHECK(mq_send(again, "same", 5, 0) == 0);
  CHECK(mq_receive(q, buf, sizeof buf, 0) == 5 && strcmp(buf, "same") == 0);   /* one queue */
  CHECK(fcntl(q, F_GETFD) == 0);
  CHECK(ut_fork_status(mq_as_user) == 0);
  CHECK(mq_unlink("/ut_names") == 0);
  CHECK_ERR(mq_unlink("/ut_names"), ENOENT);
  CHECK_ERR(mq_open("/ut_names", O_RDWR), ENOENT);
  CHECK(mq_send(q, "still", 6, 0) == 0);                 /* open descriptors keep it */
  CHECK(mq_receive(again, buf, sizeof buf, 0) == 6 && strcmp(buf, "still") == 0);
  mq_close(q);
  mq_close(again);
}

static volatile int notified;

static void on_usr1(int sig) {
  (void)sig;
  notified++;
}

static void mq_notify_other(void) {
  struct sigevent ev;
  mqd_t q = mq_open("/ut_notify", O_WRONLY);
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGUSR1;
  errno = 0;
  if (q < 0 || mq_notify(q, &ev) != -1 || errno != EBUSY)   /* the parent holds it */
    _exit(1);
  if (mq_send(q, "hello", 6, 0) != 0)
    _exit(2);
}

static void mq_notify_signal(void) {
  struct sigevent ev;
  char buf[64];
  mqd_t q = mq_make("/ut_notify", O_RDWR | O_NONBLOCK, 4, 64);
  CHECK(q >= 0);
  signal(SIGUSR1, on_usr1);
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD;
  CHECK_ERR(mq_notify(q, &ev), EINVAL);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = 0;
  CHECK_ERR(mq_notify(q, &ev), EINVAL);
  ev.sigev_signo = SIGUSR1;
  CHECK(mq_notify(q, &ev) == 0);
  CHECK(ut_fork_status(mq_notify_other) == 0);   /* EBUSY for it, then its message */
  CHECK(notified == 1);
  CHECK(mq_send(q, "more", 5, 0) == 0);           /* not empty before, and the request is used up */
  CHECK(mq_receive(q, buf, sizeof buf, 0) == 6 && mq_receive(q, buf, sizeof buf, 0) == 5);
  CHECK(mq_send(q, "again", 6, 0) == 0);
  CHECK(notified == 1);
  CHECK(mq_receive(q, buf, sizeof buf, 0) == 6);
  CHECK(mq_notify(q, &ev) == 0 && mq_notify(q, 0) == 0);   /* cancelled */
  CHECK(mq_send(q, "quiet", 6, 0) == 0);
  CHECK(notified == 1);
  CHECK(mq_close(q) == 0 && mq_unlink("/ut_notify") == 0);
}

/* An eventfd is readable only while its counter is not 0 (poll and
 * epoll sleep on it until a write), and writable while 1 more fits. */
static void eventfd_readiness(void) {
  struct pollfd p;
  struct epoll_event ev, got;
  eventfd_t v;
  int fd = eventfd(0, 0);
  int ep = epoll_create1(0);
  CHECK(fd >= 0 && ep >= 0);
  p.fd = fd;
  p.events = POLLIN | POLLOUT;
  CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
  ev.events = EPOLLIN;
  ev.data.u64 = 7;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
  CHECK(epoll_wait(ep, &got, 1, 0) == 0);
  CHECK(eventfd_write(fd, 3) == 0);
  CHECK(poll(&p, 1, 0) == 1 && p.revents == (POLLIN | POLLOUT));
  CHECK(epoll_wait(ep, &got, 1, 100) == 1 && got.data.u64 == 7 && (got.events & EPOLLIN));
  CHECK(eventfd_read(fd, &v) == 0 && v == 3);
  CHECK(epoll_wait(ep, &got, 1, 0) == 0);
  close(ep);
  close(fd);
}

struct ut_case ut_ipc_cases[] = {
  { "eventfd_counter", eventfd_counter },
  { "eventfd_semaphore", eventfd_semaphore },
  { "eventfd_between_processes", eventfd_between_processes },
  { "eventfd_flags", eventfd_flags },
  { "eventfd_readiness", eventfd_readiness },
  { "msg_types_between_processes", msg_types_between_processes },
  { "msg_limits", msg_limits },
  { "msg_keys", msg_keys },
  { "msg_permissions", msg_permissions },
  { "msg_rmid_wakes_sleepers", msg_rmid_wakes_sleepers },
  { "sem_values_and_atomicity", sem_values_and_atomicity },
  { "sem_waits_between_processes", sem_waits_between_processes },
  { "sem_undo_at_exit", sem_undo_at_exit },
  { "sem_rmid_and_permissions", sem_rmid_and_permissions },
  { "mq_priorities_between_processes", mq_priorities_between_processes },
  { "mq_limits_and_timeouts", mq_limits_and_timeouts },
  { "mq_names", mq_names },
  { "mq_notify_signal", mq_notify_signal },
  { 0, 0 },
};
