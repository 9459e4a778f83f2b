/* unistd.h: the POSIX system interface. Declarations only for now: the
 * functions are system-call stubs generated with the kernel
 * (userland/lib/sys/hako); on the bare machine they do not exist. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
/* At a position, leaving the file offset alone (180/181). */
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
ssize_t pread64(int fd, void *buf, size_t n, long long offset);
ssize_t pwrite64(int fd, const void *buf, size_t n, long long offset);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fds[2]);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
void _exit(int status);
pid_t getpid(void);
/* Any system call by number (syscall(2)): -1 and errno on failure. */
long syscall(long number, ...);
pid_t getppid(void);
int chdir(const char *path);
int fchdir(int fd);
int chroot(const char *path);
int sethostname(const char *name, size_t len);
int setdomainname(const char *name, size_t len);
char *getcwd(char *buf, size_t size);
int unlink(const char *path);
int link(const char *from, const char *to);
int symlink(const char *target, const char *path);
ssize_t readlink(const char *path, char *buf, size_t size);
int rmdir(const char *path);
int access(const char *path, int mode);
/* The *at forms (AT_* flags: <fcntl.h>). */
int unlinkat(int dirfd, const char *path, int flags);
int linkat(int olddirfd, const char *from, int newdirfd, const char *to, int flags);
int symlinkat(const char *target, int newdirfd, const char *path);
ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size);
int faccessat(int dirfd, const char *path, int mode, int flags);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
long long lseek64(int fd, long long offset, int whence);
int truncate64(const char *path, long long length);
int ftruncate64(int fd, long long length);
int isatty(int fd);
unsigned int sleep(unsigned int seconds);
void *sbrk(long incr);
int brk(void *addr);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int nice(int inc);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int seteuid(uid_t uid);
int setegid(gid_t gid);
int setreuid(uid_t ruid, uid_t euid);
int setregid(gid_t rgid, gid_t egid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int getgroups(int size, gid_t list[]);
char *getlogin(void);
char *crypt(const char *key, const char *salt);   /* SHA-crypt $5$ (userland/lib/crypt.c) */
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
unsigned int alarm(unsigned int seconds);
int pause(void);
void sync(void);

extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif
