/* t_proc.c: process lifecycle — fork, exit and wait statuses, orphans
 * re-parented to init, exec with argv and envp, and exec of files that are
 * not programs. The exec cases re-run usertests with `--helper`. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

extern char **environ;

/* usertests --helper args A B ...: prints argc, the args and $UT_VAR. */
int ut_helper(int argc, char **argv) {
  int i;
  const char *v;
  if (argc > 2 && strcmp(argv[2], "args") == 0) {
    printf("argc=%d", argc);
    for (i = 3; i < argc; i++)
      printf(" [%s]", argv[i]);
    v = getenv("UT_VAR");
    printf(" UT_VAR=%s\n", v ? v : "(unset)");
    return 0;
  }
  if (argc > 3 && strcmp(argv[2], "fdclosed") == 0) {
    /* exits 0 when the fd is closed (it was close-on-exec) */
    struct stat st;
    return fstat(atoi(argv[3]), &st) < 0 && errno == EBADF ? 0 : 1;
  }
  if (argc > 3 && strcmp(argv[2], "rlimit") == 0) {
    /* exits with the soft limit of resource argv[3] (t_rlimit.c: kept across exec) */
    struct rlimit r;
    return getrlimit(atoi(argv[3]), &r) == 0 ? (int)r.rlim_cur : 255;
  }
  if (argc > 3 && strcmp(argv[2], "recurse") == 0)
    return ut_recurse(atoi(argv[3]));   /* t_rlimit.c: uses that many KiB of stack */
  if (argc > 2 && strcmp(argv[2], "exit") == 0)
    return argc > 3 ? atoi(argv[3]) : 0;
  if (argc > 2 && strcmp(argv[2], "ids") == 0) {
    /* real, effective, saved uid and gid (t_cred.c: set-user-ID exec) */
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    printf("uid %u %u %u gid %u %u %u\n", r, e, s, gr, ge, gs);
    return 0;
  }
  if (argc > 3 && strcmp(argv[2], "reboot") == 0) {
    /* reboot(2) directly, without /bin/poweroff's shutdown: the kernel
     * must end the other processes itself (test/kernel/signals.test.ts) */
    return -__sys_reboot(0xfee1dead, 672274793, 0x4321fedc, atoi(argv[3]));
  }
  return 99;
}

void ut_exec_helper(const char *mode, const char *arg) {
  char *argv[5];
  argv[0] = (char *)ut_self;
  argv[1] = "--helper";
  argv[2] = (char *)mode;
  argv[3] = (char *)arg;
  argv[4] = 0;
  execve(ut_self, argv, environ);
}

int ut_run_helper(const char *mode, const char *arg) {
  int pid = fork();
  if (pid == 0) {
    ut_exec_helper(mode, arg);
    _exit(100);
  }
  return ut_wait_status(pid);
}

static void fork_exit_wait(void) {
  int st;
  int pid = fork();
  CHECK(pid >= 0);
  if (pid == 0)
    _exit(42);
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st));
  CHECK(WEXITSTATUS(st) == 42);
  CHECK(!WIFSIGNALED(st));
}

static void exit_code_low_byte(void) {
  int st;
  int pid = fork();
  if (pid == 0)
    exit(256 + 7);
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static void wait_without_children(void) {
  int st;
  CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
  CHECK_ERR(waitpid(12345, &st, 0), ECHILD);
}

static void wait_nohang(void) {
  int st;
  int fds[2];
  int pid;
  char c;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    close(fds[1]);
    read(fds[0], &c, 1);   /* until the parent says go */
    _exit(3);
  }
  close(fds[0]);
  CHECK(waitpid(pid, &st, WNOHANG) == 0);
  close(fds[1]);
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WEXITSTATUS(st) == 3);
}

static void many_children(void) {
  int pids[20];
  int i;
  int sum = 0;
  for (i = 0; i < 20; i++) {
    pids[i] = fork();
    CHECK(pids[i] >= 0);
    if (pids[i] == 0)
      _exit(i);
  }
  for (i = 0; i < 20; i++) {
    int st;
    int pid = waitpid(-1, &st, 0);
    CHECK(pid > 0);
    CHECK(WIFEXITED(st));
    sum += WEXITSTATUS(st);
  }
  CHECK(sum == 190);
  CHECK_ERR(waitpid(-1, 0, 0), ECHILD);
}

static void getpid_getppid(void) {
  int me = getpid();
  int fds[2];
  int pid;
  int got = 0;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    int parent = getppid();
    write(fds[1], &parent, 4);
    _exit(0);
  }
  CHECK(read(fds[0], &got, 4) == 4);
  CHECK(got == me);
  CHECK(ut_wait_status(pid) == 0);
}

static void orphan_goes_to_init(void) {
  int fds[2];
  int pid;
  int ppid = 0;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    int grandchild = fork();
    if (grandchild == 0) {
      int tries;
      /* wait until our parent is gone, then report who adopted us */
      for (tries = 0; tries < 200 && getppid() != 1; tries++) {
        unsigned int req[2];
        req[0] = 0;
        req[1] = 10000000;
        __sys_nanosleep(req, 0);
      }
      ppid = getppid();
      write(fds[1], &ppid, 4);
      _exit(0);
    }
    _exit(0);
  }
  close(fds[1]);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(read(fds[0], &ppid, 4) == 4);
  CHECK(ppid == 1);
}

static void exec_args_and_env(void) {
  int fds[2];
  int pid;
  char buf[256];
  int n;
  int total = 0;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    char *argv[7];
    char *envp[3];
    argv[0] = (char *)ut_self;
    argv[1] = "--helper";
    argv[2] = "args";
    argv[3] = "one";
    argv[4] = "two words";
    argv[5] = "";
    argv[6] = 0;
    envp[0] = "A=1";
    envp[1] = "UT_VAR=hello";
    envp[2] = 0;
    dup2(fds[1], 1);
    close(fds[0]);
    execve(ut_self, argv, envp);
    _exit(100);
  }
  close(fds[1]);
  while ((n = read(fds[0], buf + total, sizeof buf - 1 - total)) > 0)
    total += n;
  buf[total] = 0;
  CHECK(ut_wait_status(pid) == 0);
  CHECK(strcmp(buf, "argc=6 [one] [two words] [] UT_VAR=hello\n") == 0);
}

static void exec_exit_status(void) {
  int st = ut_run_helper("exit", "37");
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 37);
}

static void exec_bad_files(void) {
  static char bad_elf[64];
  char *argv[2];
  argv[1] = 0;
  /* an ELF magic with nonsense after it */
  memset(bad_elf, 0xee, sizeof bad_elf);
  bad_elf[0] = 0x7f;
  bad_elf[1] = 'E';
  bad_elf[2] = 'L';
  bad_elf[3] = 'F';
  CHECK(ut_write_file("bad.elf", bad_elf, sizeof bad_elf) == sizeof bad_elf);
  CHECK(chmod("bad.elf", 0755) == 0);
  argv[0] = "bad.elf";
  CHECK_ERR(execve("bad.elf", argv, environ), ENOEXEC);
  /* text, and an empty file */
  CHECK(ut_write_file("text", "hello\n", 6) == 6);
  CHECK(chmod("text", 0755) == 0);
  CHECK_ERR(execve("text", argv, environ), ENOEXEC);
  CHECK(ut_write_file("empty", "", 0) == 0);
  CHECK(chmod("empty", 0755) == 0);
  CHECK_ERR(execve("empty", argv, environ), ENOEXEC);
  /* not executable, a directory, nothing at all */
  CHECK(chmod("text", 0644) == 0);
  CHECK_ERR(execve("text", argv, environ), EACCES);
  CHECK(mkdir("dir", 0755) == 0);
  CHECK_ERR(execve("dir", argv, environ), EACCES);
  CHECK_ERR(execve("nothing", argv, environ), ENOENT);
  /* and we are still here, intact */
  CHECK(getpid() > 1);
}


/* poweroff is root's: anyone else gets EPERM (exit 1) before a single
 * process is signalled — we, its parent, are still here. */
static void poweroff_needs_root(void) {
  static char *argv[] = { "poweroff", 0 };
  int st;
  int pid = fork();
  if (pid == 0) {
    int fd = open("/dev/null", O_WRONLY, 0);
    dup2(fd, 2);   /* its message is not ours to print */
    CHECK(setuid(1000) == 0);
    execve("/bin/poweroff", argv, 0);
    _exit(99);
  }
  CHECK(pid > 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);
  CHECK(kill(getppid(), 0) == 0);
}

/* Runs path with argv in a child; its stdout (into out) and raw status. */
static int run_capture(const char *path, char **argv, char *out, int size) {
  int fds[2];
  int pid;
  int total = 0;
  int n;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execve(path, argv, environ);
    _exit(100 + errno);
  }
  close(fds[1]);
  while ((n = read(fds[0], out + total, size - 1 - total)) > 0)
    total += n;
  out[total] = 0;
  close(fds[0]);
  return ut_wait_status(pid);
}

/* #! scripts: interpreter, one optional argument, the script's path in
 * argv, nesting, and Linux's errors. */
static void exec_script(void) {
  static const char s1[] = "#!/bin/sh\necho \"[$0] [$1] [$2]\"\n";
  static const char opt[] = "#!  /bin/sh   -e  \nfalse\necho not-reached\n";
  char out[128];
  char *argv[4];
  int st;
  CHECK(ut_write_file("s1", s1, sizeof s1 - 1) == sizeof s1 - 1);
  CHECK(chmod("s1", 0755) == 0);
  argv[0] = "s1";
  argv[1] = "a";
  argv[2] = "b c";
  argv[3] = 0;
  st = run_capture("s1", argv, out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(strcmp(out, "[s1] [a] [b c]\n") == 0);
  /* one argument after the interpreter, blanks trimmed: sh -e stops at false */
  CHECK(ut_write_file("opt", opt, sizeof opt - 1) == sizeof opt - 1);
  CHECK(chmod("opt", 0755) == 0);
  argv[0] = "opt";
  argv[1] = 0;
  st = run_capture("opt", argv, out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);
  CHECK(out[0] == 0);
  /* a script whose interpreter is a script */
  CHECK(ut_write_file("s2", "#!s1\n", 5) == 5);
  CHECK(chmod("s2", 0755) == 0);
  argv[0] = "s2";
  argv[1] = "x";
  argv[2] = 0;
  st = run_capture("s2", argv, out, sizeof out);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(strcmp(out, "[s1] [s2] [x]\n") == 0);
  /* no interpreter, a missing one, and one naming itself */
  argv[0] = "x";
  argv[1] = 0;
  CHECK(ut_write_file("none", "#!\n", 3) == 3);
  CHECK(chmod("none", 0755) == 0);
  CHECK_ERR(execve("none", argv, environ), ENOEXEC);
  CHECK(ut_write_file("missing", "#!/no/such/interp\n", 18) == 18);
  CHECK(chmod("missing", 0755) == 0);
  CHECK_ERR(execve("missing", argv, environ), ENOENT);
  CHECK(ut_write_file("loop", "#!loop\n", 7) == 7);
  CHECK(chmod("loop", 0755) == 0);
  CHECK_ERR(execve("loop", argv, environ), ELOOP);
}

struct ut_case ut_proc_cases[] = {
  { "poweroff_needs_root", poweroff_needs_root },
  { "fork_exit_wait", fork_exit_wait },
  { "exit_code_low_byte", exit_code_low_byte },
  { "wait_without_children", wait_without_children },
  { "wait_nohang", wait_nohang },
  { "many_children", many_children },
  { "getpid_getppid", getpid_getppid },
  { "orphan_goes_to_init", orphan_goes_to_init },
  { "exec_args_and_env", exec_args_and_env },
  { "exec_script", exec_script },
  { "exec_exit_status", exec_exit_status },
  { "exec_bad_files", exec_bad_files },
  { 0, 0 }
};
