/*
 * tty.c — the console terminal: a line discipline between the UART and the
 * processes reading /dev/console.
 *
 * Input bytes arrive from the UART interrupt (tty_input). In canonical mode
 * (ICANON) they are edited in `line` — erase (DEL/^H), kill (^U), echo —
 * and moved to the read queue `rq` when a line ends (\n, or ^D which
 * makes a pending empty read return 0, i.e. end of file). A line holds up
 * to 4095 bytes, as Linux's N_TTY (a 4096-byte buffer, the last byte kept
 * for the newline). Past that every byte is refused with a bell (\a) until
 * the line ends, and a line that lost bytes is thrown away at its end
 * rather than delivered cut short: a reader never gets a truncated line
 * (a shell would run a truncated command — Linux delivers the first 4095
 * bytes; here the typist has to type it again, shorter). A line also waits,
 * with a bell, when the read queue cannot take it whole. With ISIG, ^C
 * and ^\ send SIGINT/SIGQUIT to the foreground process group and discard
 * pending input; ^Z sends SIGTSTP. In raw mode (no ICANON) bytes go straight to `rq` and a
 * read returns as soon as at least VMIN (at least 1) bytes are there.
 * Output turns \n into \r\n when OPOST|ONLCR. Readers sleep on the tty and
 * are woken by input (or by a signal: -EINTR).
 *
 * Job control: `fg_pgrp` is the terminal's foreground process group
 * (TIOCSPGRP, tcsetpgrp), the one ^C and ^Z signal and the one that may
 * read. A process of the same session in another group that reads stops
 * its whole group with SIGTTIN, and its read runs again once the group is
 * continued (-ERESTARTSYS, sys/syscall.c) — as Linux's n_tty; when SIGTTIN
 * would not stop it (ignored or blocked) the read fails with -EIO.
 * /proc/PID/stat's tpgid field is fg_pgrp (tty_foreground).
 *
 * Window size: the console-size register (0x508, IRQ 3; docs/architecture.md)
 * says how many columns and rows the host's terminal has. The tty reads it at
 * boot and on every change interrupt; TIOCGWINSZ answers with it, TIOCSWINSZ
 * overrides it, and either kind of change sends SIGWINCH to the foreground
 * process group, as Linux's tty does.
 *
 * Invariants: rq holds rq_head - rq_tail <= TTY_QUEUE bytes; `eof_marks`
 * counts ^D line ends not yet consumed; interrupts are off whenever the
 * queues change, since tty_input runs in the interrupt handler. A read
 * copies straight from rq to the user and only then moves rq_tail, so
 * input (which writes only past rq_head) cannot overwrite the bytes being
 * copied; one reader at a time (`reader_busy`), since the copy may sleep.
 */
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "poll.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "hako/errno.h"
#include "trap.h"
#include "vm.h"

#define TTY_QUEUE 8192   /* two longest lines; a power of two */
#define LINE_MAX 4096    /* 4095 bytes and the newline */

/* termios (Linux's kernel struct for TCGETS/TCSETS, 36 bytes). */
#define NCCS 19
struct termios {
  u32 c_iflag, c_oflag, c_cflag, c_lflag;
  u8 c_line;
  u8 c_cc[NCCS];
};
#define ICRNL 0x100
#define OPOST 0x1
#define ONLCR 0x4
#define ISIG 0x1
#define ICANON 0x2
#define ECHO 0x8
#define ECHOE 0x10
#define ECHOK 0x20
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSUSP 10
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414

/* The console-size register (emulator/devices/console-size.ts). */
#define CONSIZE_SIZE 0x508     /* columns in bits 0-15, rows in 16-31 */
#define CONSIZE_STATUS 0x50C   /* bit 0: changed; write 1 to acknowledge */
#define IRQ_CONSIZE 3

/* Linux's struct winsize. */
struct winsize {
  u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

struct tty {
  struct termios termios;
  char rq[TTY_QUEUE];
  u32 rq_head, rq_tail;
  char line[LINE_MAX];
  int line_len;
  int line_overflow; /* bytes of this line were refused: it is not delivered */
  int reader_busy;   /* a read is copying out of rq */
  int eof_marks;     /* ^D boundaries in rq, each ends a read early */
  u32 eof_at[8];     /* rq positions of those boundaries */
  int fg_pgrp;
  struct winsize winsize;
};

static struct tty console;

static void tty_echo(int c) {
  if (c == '\n' && (console.termios.c_oflag & OPOST) && (console.termios.c_oflag & ONLCR)) uart_putc('\r');
  uart_putc(c);
}

static void bell(void) {
  if (console.termios.c_lflag & ECHO) uart_putc('\a');
}

static u32 rq_room(void) {
  return TTY_QUEUE - (console.rq_head - console.rq_tail);
}

static void rq_put(int c) {
  if (console.rq_head - console.rq_tail < TTY_QUEUE) {
    console.rq[console.rq_head % TTY_QUEUE] = (char)c;
    console.rq_head++;
  }
}

static void flush_input(void) {
  console.rq_tail = console.rq_head;
  console.line_len = 0;
  console.line_overflow = 0;
  console.eof_marks = 0;
}

static void tty_input(int c) {
  struct termios *t = &console.termios;
  if ((t->c_iflag & ICRNL) && c == '\r') c = '\n';
  if ((t->c_lflag & ISIG) && c != 0) {   /* a 0 in c_cc disables that key */
    if (c == t->c_cc[VINTR] || c == t->c_cc[VQUIT] || c == t->c_cc[VSUSP]) {
      int sig = c == t->c_cc[VINTR] ? SIGINT : c == t->c_cc[VQUIT] ? SIGQUIT : SIGTSTP;
      flush_input();
      if (t->c_lflag & ECHO) {
        tty_echo('^');
        tty_echo(c + '@');
        tty_echo('\n');
      }
      if (console.fg_pgrp > 0) kill_pgrp(console.fg_pgrp, sig);
      wakeup(&console);
      return;
    }
  }
  if (!(t->c_lflag & ICANON)) {
    rq_put(c);
    if (t->c_lflag & ECHO) tty_echo(c);
    wakeup(&console);
    return;
  }
  if (c == t->c_cc[VERASE] || c == 0x08) {
    if (console.line_len > 0) {
      console.line_len--;
      if (t->c_lflag & ECHO) {
        uart_putc('\b');
        uart_putc(' ');
        uart_putc('\b');
      }
    }
    return;
  }
  if (c == t->c_cc[VKILL]) {
    console.line_overflow = 0;
    while (console.line_len > 0) {
      console.line_len--;
      if (t->c_lflag & ECHO) {
        uart_putc('\b');
        uart_putc(' ');
        uart_putc('\b');
      }
    }
    return;
  }
  if (c == t->c_cc[VEOF] || c == '\n') {
    int i;
    if (console.line_overflow) {
      /* the line lost bytes: none of it goes to a reader */
      if (c == '\n' && (t->c_lflag & ECHO)) tty_echo('\n');
      console.line_len = 0;
      console.line_overflow = 0;
      return;
    }
    if (rq_room() < (u32)console.line_len + 1 || (c != '\n' && console.eof_marks == 8)) {
      bell();   /* readers are behind: the line stays being edited */
      return;
    }
    if (c == '\n' && (t->c_lflag & ECHO)) tty_echo('\n');
    for (i = 0; i < console.line_len; i++) rq_put(console.line[i]);
    console.line_len = 0;
    if (c == '\n') rq_put('\n');
    else console.eof_at[console.eof_marks++] = console.rq_head;
    wakeup(&console);
    return;
  }
  if (console.line_len >= LINE_MAX - 1) {
    console.line_overflow = 1;
    bell();
    return;
  }
  console.line[console.line_len++] = (char)c;
  if (t->c_lflag & ECHO) tty_echo(c);
}

/* Bytes a read may take now: in canonical mode up to and including a
 * newline or up to an EOF mark; in raw mode whatever is queued. Returns -1
 * when the read must wait, 0 for end of file. */
static int readable(u32 *limit) {
  u32 avail = console.rq_head - console.rq_tail;
  u32 i;
  if (!(console.termios.c_lflag & ICANON)) {
    u32 vmin = console.termios.c_cc[VMIN] ? console.termios.c_cc[VMIN] : 1;
    if (avail < vmin && avail == 0) return -1;
    *limit = avail;
    return 1;
  }
  if (console.eof_marks > 0 && console.eof_at[0] == console.rq_tail) return 0;
  for (i = 0; i < avail; i++) {
    u32 pos = console.rq_tail + i;
    if (console.eof_marks > 0 && console.eof_at[0] == pos) {
      *limit = i;
      return 1;
    }
    if (console.rq[pos % TTY_QUEUE] == '\n') {
      *limit = i + 1;
      return 1;
    }
  }
  return -1;
}

/* The session of the foreground group (its processes share one), or 0. */
static int foreground_session(void) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pgid == console.fg_pgrp && p->state != P_ZOMBIE) return p->sid;
  }
  return 0;
}

/* 0 when the current process may read; else what its read returns: a
 * background group of the terminal's session is stopped with SIGTTIN and
 * reads again when continued. */
static int background_read(void) {
  u32 ttin = 1u << (SIGTTIN - 1);
  if (console.fg_pgrp <= 0 || current->pgid == console.fg_pgrp) return 0;
  if (current->sid != foreground_session()) return 0;
  if (current->sighand->handler[SIGTTIN] == SIG_IGN || (current->sig_blocked & ttin)) return -EIO;
  kill_pgrp(current->pgid, SIGTTIN);
  return -ERESTARTSYS;
}

int tty_foreground(void) {
  return console.fg_pgrp > 0 ? console.fg_pgrp : -1;
}

static int tty_read(struct file *f, char *user_buf, u32 n) {
  u32 flags;
  u32 limit = 0, start, first;
  int r;
  (void)f;
  r = background_read();
  if (r != 0) return r;
  flags = irq_save();
  for (;;) {
    r = console.reader_busy ? -1 : readable(&limit);
    if (r >= 0) break;
    if (sleep_on(&console) != 0) {
      irq_restore(flags);
      return -EINTR;
    }
  }
  if (r == 0) {
    /* Consume the EOF mark. */
    int k;
    for (k = 1; k < console.eof_marks; k++) console.eof_at[k - 1] = console.eof_at[k];
    console.eof_marks--;
    irq_restore(flags);
    return 0;
  }
  if (limit > n) limit = n;
  start = console.rq_tail;
  console.reader_busy = 1;
  irq_restore(flags);
  first = MIN(limit, TTY_QUEUE - start % TTY_QUEUE);
  r = copyout(user_buf, &console.rq[start % TTY_QUEUE], first);
  if (r == 0 && first < limit) r = copyout(user_buf + first, console.rq, limit - first);
  flags = irq_save();
  console.reader_busy = 0;
  /* A ^C while copying flushed the queue: nothing left to consume. */
  if (r == 0 && limit > 0 && console.rq_tail == start) {
    console.rq_tail += limit;
    if (console.eof_marks > 0 && console.eof_at[0] == console.rq_tail &&
        console.rq[(console.rq_tail - 1) % TTY_QUEUE] != '\n') {
      /* The ^D that ended this line is used up by this read. */
      int k;
      for (k = 1; k < console.eof_marks; k++) console.eof_at[k - 1] = console.eof_at[k];
      console.eof_marks--;
    }
  }
  wakeup(&console);
  irq_restore(flags);
  return r != 0 ? -EFAULT : (int)limit;
}

static int tty_write(struct file *f, const char *user_buf, u32 n) {
  char chunk[128];
  u32 done = 0;
  (void)f;
  while (done < n) {
    u32 len = MIN(n - done, sizeof chunk);
    u32 i;
    if (copyin(chunk, user_buf + done, len) != 0) return done ? (int)done : -EFAULT;
    for (i = 0; i < len; i++) {
      if (chunk[i] == '\n' && (console.termios.c_oflag & OPOST) && (console.termios.c_oflag & ONLCR)) uart_putc('\r');
      uart_putc(chunk[i]);
    }
    done += len;
  }
  return (int)n;
}

/* A new window size; SIGWINCH to the foreground group when it differs. */
static void set_winsize(struct winsize *ws) {
  u32 flags = irq_save();
  int changed = ws->ws_row != console.winsize.ws_row || ws->ws_col != console.winsize.ws_col ||
                ws->ws_xpixel != console.winsize.ws_xpixel || ws->ws_ypixel != console.winsize.ws_ypixel;
  console.winsize = *ws;
  if (changed && console.fg_pgrp > 0) kill_pgrp(console.fg_pgrp, SIGWINCH);
  irq_restore(flags);
}

/* The host's terminal size from the console-size register. Acknowledge
 * first: a change landing after the read raises the line again. */
static void read_console_size(int notify) {
  struct winsize ws;
  u32 size;
  outl(CONSIZE_STATUS, 1);
  size = inl(CONSIZE_SIZE);
  ws.ws_col = (u16)(size & 0xFFFF);
  ws.ws_row = (u16)(size >> 16);
  ws.ws_xpixel = 0;
  ws.ws_ypixel = 0;
  if (size == 0xFFFFFFFF || ws.ws_col == 0 || ws.ws_row == 0) {   /* no such device: a VT100's size */
    ws.ws_col = 80;
    ws.ws_row = 24;
  }
  if (notify) set_winsize(&ws);
  else console.winsize = ws;
}

static void console_size_irq(int irq) {
  (void)irq;
  read_console_size(1);
}

static int tty_ioctl(struct file *f, u32 cmd, u32 arg) {
  (void)f;
  if (cmd == TCGETS) return copyout((void *)arg, &console.termios, sizeof(struct termios));
  if (cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF) {
    struct termios t;
    if (copyin(&t, (const void *)arg, sizeof t) != 0) return -EFAULT;
    {
      u32 flags = irq_save();
      console.termios = t;
      if (cmd == TCSETSF) flush_input();
      wakeup(&console);
      irq_restore(flags);
    }
    return 0;
  }
  if (cmd == TIOCGPGRP) {   /* group numbers are the caller's pid namespace's */
    int pgrp = global_pgid_nr_ns(console.fg_pgrp, task_active_pid_ns(current));
    return copyout((void *)arg, &pgrp, 4);
  }
  if (cmd == TIOCSPGRP) {
    int pgrp;
    if (copyin(&pgrp, (const void *)arg, 4) != 0) return -EFAULT;
    if (pgrp <= 0) return -EINVAL;
    pgrp = pgid_from_vnr(pgrp);
    if (pgrp <= 0) return -ESRCH;
    console.fg_pgrp = pgrp;
    return 0;
  }
  if (cmd == TIOCGWINSZ) {
    struct winsize ws = console.winsize;
    return copyout((void *)arg, &ws, sizeof ws);
  }
  if (cmd == TIOCSWINSZ) {
    struct winsize ws;
    if (copyin(&ws, (const void *)arg, sizeof ws) != 0) return -EFAULT;
    set_winsize(&ws);
    return 0;
  }
  return -ENOTTY;
}

/* Readable when a read would not wait (a whole line in canonical mode,
 * an end-of-file mark too); output never waits. Input wakes &console. */
static int tty_poll(struct file *f, struct poll_table *pt) {
  u32 limit, flags;
  int mask = POLLOUT | POLLWRNORM;
  (void)f;
  poll_wait(pt, &console);
  flags = irq_save();
  if (!console.reader_busy && readable(&limit) >= 0) mask |= POLLIN | POLLRDNORM;
  irq_restore(flags);
  return mask;
}

const struct file_ops tty_ops = { .read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .poll = tty_poll };

void tty_set_foreground(int pgrp) {
  console.fg_pgrp = pgrp;
}

void tty_init(void) {
  struct termios *t = &console.termios;
  memset(&console, 0, sizeof console);
  t->c_iflag = ICRNL;
  t->c_oflag = OPOST | ONLCR;
  t->c_cflag = 0x00BF;   /* B38400 | CS8 | CREAD, as Linux reports a console */
  t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK;
  t->c_cc[VINTR] = 3;
  t->c_cc[VQUIT] = 28;
  t->c_cc[VERASE] = 127;
  t->c_cc[VKILL] = 21;
  t->c_cc[VEOF] = 4;
  t->c_cc[VMIN] = 1;
  t->c_cc[VSUSP] = 26;   /* ^Z */
  uart_set_rx_handler(tty_input);
  uart_enable_rx_irq();
  read_console_size(0);
  irq_register(IRQ_CONSIZE, console_size_irq, "console-size");
  pic_unmask(IRQ_CONSIZE);
}

struct file *console_open(void) {
  return file_alloc(&tty_ops, 2);   /* O_RDWR */
}
