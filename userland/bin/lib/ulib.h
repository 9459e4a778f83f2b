/* ulib.h: helpers shared by the programs of /bin and /sbin (ulib.a, built by
 * toolchain/userland-build.ts), and the raw system-call stubs they use that
 * libc's headers do not declare. Names here are prefixed u_ or are the
 * generated __sys_ stubs, so they can never clash with what libc's headers
 * declare as libc grows. */
#ifndef ULIB_H
#define ULIB_H

/* raw system calls: result >= 0 or -errno (userland/lib/sys/hako/syscalls.s) */
int __sys_ioctl(int fd, unsigned int cmd, unsigned int arg);
int __sys_setpgid(int pid, int pgid);
int __sys_getpgrp(void);
int __sys_setsid(void);
int __sys_wait4(int pid, int *status, int options, unsigned int *rusage);
int __sys_times(unsigned int *tms);
int __sys_uname(char *buf);
int __sys_sysinfo(unsigned int *info);
int __sys_syslog(int type, char *buf, int len);
int __sys_reboot(unsigned int magic1, unsigned int magic2, unsigned int cmd, unsigned int arg);
int __sys_nanosleep(const unsigned int *req, unsigned int *rem);
int __sys_getpriority(int which, int who);
int __sys_setpriority(int which, int who, int prio);
int __sys_getrusage(int who, unsigned int *usage);
int __sys_utimes(const char *path, const unsigned int *times);
int __sys_gettimeofday(unsigned int *tv, void *tz);
int __sys_clock_gettime(int clock, unsigned int *ts);
int __sys_rt_sigprocmask(int how, const unsigned int *set, unsigned int *oldset, unsigned int setsize);
int __sys_kill(int pid, int sig);
int __sys_getpgid(int pid);
int __sys_getsid(int pid);
int __sys_fcntl(int fd, int cmd, unsigned int arg);
int __sys_getcwd(char *buf, unsigned int size);
int __sys_time(unsigned int *t);
int __sys_getuid(void);
int __sys_getgid(void);
int __sys_getppid(void);
int __sys_fork(void);
int __sys_nice(int inc);
int __sys_dup(int fd);
int __sys_pipe(int *fds);

#define U_TCGETS 0x5401
#define U_TCSETS 0x5402
#define U_TIOCGPGRP 0x540F
#define U_TIOCSPGRP 0x5410

/* Linux's struct utsname: six fields of 65 bytes */
#define U_UTS_LEN 65

/* signals: "SEGV" for 11 (NULL when unknown), the shell's message for a
 * death by it ("Segmentation fault"), and the number for "SEGV", "SIGSEGV"
 * or "11" (0 when unknown). */
/* u_test.c: test and [ (argv[0] "[" wants a closing ]); the exit status */
int u_test(int argc, char **argv);

const char *u_signal_name(int sig);
const char *u_signal_message(int sig);
int u_signal_number(const char *name);

/* The Internet checksum of n bytes (RFC 1071), in network order, ready to
 * store into an ICMP/IP header; over a header that carries a right one it
 * is 0. */
unsigned short u_inet_checksum(const void *data, int n);

/* "prog: what: strerror(errno)" on stderr */
void u_perror2(const char *prog, const char *what);
/* Writes all n bytes (short writes retried): 0, or -1 with errno (EIO for
 * a write of nothing); u_write_all also prints "PROG: write error: REASON". */
int u_write_full(int fd, const void *buf, int n);
int u_write_all(const char *prog, int fd, const void *buf, int n);

/* the user or group name for an id from /etc/passwd or /etc/group, or NULL */
const char *u_user_name(int uid);
const char *u_group_name(int gid);

/* A file's bytes to stdout; nothing when it cannot be opened (the motd). */
void u_print_file(const char *path);

#ifdef _REGEX_H
/* A / search's pattern compiled (regcomp, basic syntax) into *re: 0, or -1
 * with "No previous regular expression" (an empty one) or "Bad pattern:
 * WHY" in message; re is to be regfree'd only after 0. */
int u_search_compile(regex_t *re, const char *pattern, char *message, int size);
#endif

/* u_fixed.c: printf's %f of the decimal text arg (no floating point
 * here), with flags ("-+ #0"), width and precision (-1: 6) into out;
 * -1 when arg is not a decimal number. */
int u_format_fixed(const char *arg, const char *flags, int width, int prec, char *out, int size);

/* cp's and mv's -i/-n/-f (u_may_overwrite.c): u_overwrite_option takes
 * option letter c into o (1 when it is one of the three, the last given
 * winning); u_may_overwrite is 1 when `to` may be written over (missing,
 * or the user said y to "PROG: overwrite 'TO'?"), 0 to keep it. */
struct u_overwrite {
  int interactive;
  int no_clobber;
};
int u_overwrite_option(struct u_overwrite *o, int c);
int u_may_overwrite(const char *prog, const char *to, const struct u_overwrite *o);

/* cp's, mv's and ln's operands argv[first..argc-1] (u_dest.c): SOURCE
 * DEST, or SOURCE... DIRECTORY, where each source goes inside under its
 * base name. Runs fn(source, dest) for each source and returns the OR of
 * what it returned; 1 after the usage (fewer than two operands), "PROG:
 * target 'T' is not a directory" or "PROG: out of memory". */
int u_each_source(const char *prog, const char *usage, int argc, char **argv, int first,
                  int (*fn)(const char *source, const char *dest));

/* The demo TCP servers (u_tcp_server.c). u_server_options reads -p PORT
 * (1-65535) and -n COUNT into *port and *count, leaving what is not given
 * as it is, and returns the index of the first of at most max_operands
 * operands, or -1 after a message (the usage for an unknown option or
 * too many operands); u_tcp_listen: a socket listening on port of every
 * address (SO_REUSEADDR), or -1 with errno. */
int u_server_options(const char *prog, const char *usage, int argc, char **argv, int *port, int *count,
                     int max_operands);
int u_tcp_listen(int port, int backlog);

/* "-rwxr-xr-x" for a mode (11 bytes with the NUL) */
void u_mode_string(unsigned int mode, char *out);

/* Unix time to "2026-11-25 17:30:00" (UTC), out >= 20 bytes */
void u_format_time(unsigned int t, char *out);

/* head and tail (u_inputs.c): u_count_options reads -n N, -c N, -N,
 * -q, -v (and, for tail, -f and the old +N) into o and returns the index of the
 * first file argument, or -1 after a message; a count's sign ('+', '-' or
 * 0) is kept apart from its value. u_read_all reads fd to its end into a
 * malloc'd buffer (NULL when out of memory). u_each_input runs fn(fd) on
 * stdin when there is no file argument, else on each ("-" is stdin), with
 * headers when several (headers -1), always (1) or never (0); returns the
 * OR of fn's results and 1 for a file that cannot be opened. */
struct u_count_opts {
  long count;
  int bytes;
  int sign;
  int follow;
  int headers;
};
int u_count_options(const char *prog, int argc, char **argv, int is_tail, struct u_count_opts *o);
char *u_read_all(int fd, int *len);
int u_each_input(const char *prog, int argc, char **argv, int first, int headers, int (*fn)(int fd));

/* u_path.c: path made absolute and free of ".", "..", repeated slashes
 * and symbolic links, into out; must_exist 0: every component must exist,
 * 1: all but the last, 2: none. 0, or -1 with errno. */
int u_canonical_path(const char *path, int must_exist, char *out, int size);

/* dir + "/" + name, malloc'd (NULL when out of memory); fn(name, arg) for
 * every entry of dir but . and .., returning the OR of the results (1 when
 * dir cannot be opened, with "prog: dir: reason"). */
char *u_path_join(const char *dir, const char *name);
int u_each_entry(const char *prog, const char *dir, int (*fn)(const char *name, void *arg), void *arg);

/* /proc text files: u_read_text reads path into buf (at most size - 1
 * bytes, NUL-ended) and returns the length, or -1 when it cannot be opened;
 * u_text_number gives the figure after "key:" or "key " at the start of a
 * line of text (0 when absent). */
int u_read_text(const char *path, char *buf, int size);
unsigned int u_text_number(const char *text, const char *key);
/* The "Key:   N kB" figure of a /proc file such as status or meminfo, -1 if absent. */
long u_proc_kb(const char *path, const char *key);

/* Full-screen terminal programs (u_term.c): raw mode on fd (-1 when it is
 * not a terminal), its undoing (signal-safe), the window size (24x80 when
 * unknown) and keys: a byte, or U_KEY_* for an escape sequence; -1 at end
 * of input, -2 when a signal interrupted the wait. u_key_pending: more
 * keys were typed ahead (a redraw can wait). */
#define U_KEY_NONE 0x100
#define U_KEY_UP 0x101
#define U_KEY_DOWN 0x102
#define U_KEY_LEFT 0x103
#define U_KEY_RIGHT 0x104
#define U_KEY_HOME 0x105
#define U_KEY_END 0x106
#define U_KEY_DELETE 0x107
#define U_KEY_PAGE_UP 0x108
#define U_KEY_PAGE_DOWN 0x109
int u_term_raw(int fd);
void u_term_restore(void);
void u_term_size(int fd, int *rows, int *cols);
int u_read_key(int fd);
int u_key_pending(void);
/* SIGINT, SIGTERM and SIGHUP: leave() (the screen back), the raw mode
 * undone, then death by the signal; SIGWINCH: the size of fd into *rows
 * and *cols, and u_read_key returns -2 to have the screen redrawn. */
void u_term_signals(void (*leave)(void), int fd, int *rows, int *cols);

/* u_auth.c: login, su and passwd. u_read_password prompts on stderr and
 * reads a line from stdin without echo (on a terminal); u_password_ok
 * checks it against the user's /etc/shadow hash (crypt $5$; an empty hash
 * needs no password, "!" or "*" never matches); u_become sets the
 * supplementary groups, gid and uid of pw (root only); u_auth_log appends
 * "TIME PROG[PID]: WHAT for USER (by uid N)" to /var/log/auth.log. */
#define U_AUTH_FAIL_DELAY 3   /* seconds after a wrong password */
struct passwd;
int u_read_password(const char *prompt, char *buf, int size);
int u_password_ok(const char *user, const char *password);
int u_become(const struct passwd *pw);
void u_auth_log(const char *prog, const char *what, const char *user);
void u_auth_fail_delay(void);
/* su's and passwd's check: prompt for user's password; 1 when right,
 * else 0 after u_auth_log(prog, failure, user) and the fail delay (the
 * typed password is wiped either way). */
int u_ask_password(const char *prog, const char *prompt, const char *user, const char *failure);
/* The environment of a session of pw: HOME, SHELL, USER, LOGNAME and PATH
 * for pw, added to a copy of environ when keep (su), else with TERM only
 * (login, su -). u_exec_shell runs pw's shell (as "-sh" for a login shell,
 * with -c cmd when cmd); it returns only when execve fails. */
char **u_user_env(const struct passwd *pw, int keep);
void u_exec_shell(const struct passwd *pw, int login, const char *cmd, char **env);

/* u_owner.c: chown and chgrp. u_parse_user/u_parse_group read a name or a
 * number into *id (0, or -1 when it is neither); u_change_owner lchowns
 * path to uid and gid ((unsigned)-1 leaves one as it is), with recursive
 * every entry below it too, reporting failures as "prog: path: reason";
 * 0, or 1 when any change failed. */
int u_parse_user(const char *s, unsigned *uid);
int u_parse_group(const char *s, unsigned *gid);
int u_change_owner(const char *prog, const char *path, unsigned uid, unsigned gid, int recursive);

/* u_etcdb.c: /etc/passwd, group and shadow edits. u_etc_edit rewrites
 * path line by line (newline removed; fn may change the line in place
 * within size bytes; a line is kept when fn is NULL or returns 1), then
 * appends `append` (a line, or NULL), keeping mode and owner, replacing
 * the file with a rename; 0, or -1 with errno. */
int u_etc_first_field_is(const char *line, const char *name);
int u_etc_edit(const char *path, int (*fn)(char *line, int size, void *arg), void *arg, const char *append);

#endif
