/* demo.c: the firmware demo the page boots when there is no kernel image
 * (or when asked for with ?image=demo). A bare-machine program (ring 0,
 * linked at 0x00100000) that shows off the hardware the debug pane looks at:
 *
 * - it builds page tables and turns paging on: the first 4 MiB identity
 *   mapped with 4 KiB pages (supervisor), the rest of RAM with 4 MiB pages,
 *   four user pages at 0x08048000 (US set, so the page-table view has a user
 *   mapping to show) and one not-present entry with a nonzero raw value at
 *   0x08050000 (how a swapped-out page looks);
 * - it prints a banner and a prompt, echoes what is typed, and runs a few
 *   commands: `loop6 N` (N million iterations of the benchmark loop),
 *   `disk write TEXT` / `disk read` (the last block of disk 0, through the
 *   block device's DMA, so "keep my disk" has something to keep), `help`.
 *
 * The console is polled (interrupts stay off), so the CPU runs flat out even
 * while waiting for a key: the page's responsiveness is tested under load.
 * Physical layout: page directory at 0x20000, page tables at 0x21000 (low
 * 4 MiB) and 0x22000 (user), user frames at 0x30000-0x33fff. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int port_inb(int port);
void port_outb(int port, int value);
int port_inl(int port);
void port_outl(int port, int value);
void paging_enable(unsigned page_directory);
void loop6(int iterations, int *cell);

#define UART_DATA 0x3F8
#define UART_LSR 0x3FD
#define DISK0 0x1F0
#define DISK_BLOCK 0
#define DISK_COUNT 4
#define DISK_ADDR 8
#define DISK_COMMAND 12
#define DISK_SIZE 16
#define DISK_READ 1
#define DISK_WRITE 2
#define STATUS_ERROR 2
#define STATUS_DONE 4

#define PAGE_DIR 0x20000
#define LOW_TABLE 0x21000
#define USER_TABLE 0x22000
#define USER_FRAMES 0x30000
#define USER_BASE 0x08048000
#define P 1
#define RW 2
#define US 4
#define PS 0x80

static char line[256];
static char block[4096];

static void put(int c) { port_outb(UART_DATA, c); }

static void puts_raw(const char *s) {
  while (*s)
    put(*s++);
}

static int get(void) {
  while (!(port_inb(UART_LSR) & 1))
    ;
  return port_inb(UART_DATA);
}

/* One line with echo and backspace; returns its length. */
static int read_line(void) {
  int n = 0;
  int c;
  for (;;) {
    c = get();
    if (c == '\r' || c == '\n') {
      puts_raw("\r\n");
      line[n] = 0;
      return n;
    }
    if (c == 127 || c == 8) {
      if (n > 0) {
        n--;
        puts_raw("\b \b");
      }
    } else if (c == 3) {
      puts_raw("^C\r\n");
      n = 0;
      line[0] = 0;
      return 0;
    } else if (c >= 32 && n < (int)sizeof line - 1) {
      line[n++] = (char)c;
      put(c);
    }
  }
}

static void setup_paging(unsigned ram_bytes) {
  unsigned *dir = (unsigned *)PAGE_DIR;
  unsigned *low = (unsigned *)LOW_TABLE;
  unsigned *user = (unsigned *)USER_TABLE;
  unsigned i;
  char *text;
  memset(dir, 0, 4096);
  memset(low, 0, 4096);
  memset(user, 0, 4096);
  for (i = 0; i < 1024; i++)
    low[i] = (i << 12) | RW | P;
  dir[0] = LOW_TABLE | RW | P;
  for (i = 1; i < 1024 && (i << 22) < ram_bytes; i++)
    dir[i] = (i << 22) | PS | RW | P;
  dir[USER_BASE >> 22] = USER_TABLE | US | RW | P;
  for (i = 0; i < 4; i++)
    user[((USER_BASE >> 12) & 1023) + i] = (USER_FRAMES + (i << 12)) | US | RW | P;
  /* Not present, nonzero: what a kernel leaves behind for a page in swap slot 5. */
  user[((USER_BASE + 0x8000) >> 12) & 1023] = 5 << 12;
  paging_enable(PAGE_DIR);
  text = (char *)USER_BASE;
  strcpy(text, "a user page");
}

static int disk_command(int command, unsigned blockno) {
  int status;
  port_outl(DISK0 + DISK_BLOCK, (int)blockno);
  port_outl(DISK0 + DISK_COUNT, 1);
  port_outl(DISK0 + DISK_ADDR, (int)block);
  port_outl(DISK0 + DISK_COMMAND, command);
  do
    status = port_inl(DISK0 + DISK_COMMAND);
  while (!(status & (STATUS_DONE | STATUS_ERROR)));
  return (status & STATUS_ERROR) ? -1 : 0;
}

static void disk(const char *args) {
  unsigned blocks = (unsigned)port_inl(DISK0 + DISK_SIZE);
  if (blocks == 0 || blocks == 0xffffffff) {
    printf("no disk\n");
    return;
  }
  if (strncmp(args, "write ", 6) == 0) {
    memset(block, 0, sizeof block);
    strcpy(block, "HAKO-DEMO:");
    strcat(block, args + 6);
    printf(disk_command(DISK_WRITE, blocks - 1) ? "disk error\n" : "written to block %u\n", blocks - 1);
  } else if (strcmp(args, "read") == 0) {
    if (disk_command(DISK_READ, blocks - 1))
      printf("disk error\n");
    else if (strncmp(block, "HAKO-DEMO:", 10) == 0)
      printf("block %u: %s\n", blocks - 1, block + 10);
    else
      printf("block %u: (nothing written)\n", blocks - 1);
  } else {
    printf("usage: disk write TEXT | disk read\n");
  }
}

int main(int argc, char **argv) {
  unsigned ram = 32;
  int cell = 0;
  if (argc > 1)
    ram = (unsigned)atoi(argv[1]);
  setup_paging(ram << 20);
  printf("Hako firmware demo: no kernel yet, just the bare machine (%u MiB RAM, paging on)\n", ram);
  printf("Type a line and it comes back. Commands: help, loop6 N, disk write TEXT, disk read\n");
  for (;;) {
    printf("demo> ");
    fflush(stdout);
    read_line();
    if (line[0] == 0)
      continue;
    if (strcmp(line, "help") == 0)
      printf("loop6 N: N million turns of the benchmark loop; disk write TEXT / disk read: the last block of disk 0\n");
    else if (strncmp(line, "loop6", 5) == 0) {
      int millions = line[5] ? atoi(line + 6) : 100;
      loop6(millions * 1000000, &cell);
      printf("loop6 done: %d million iterations\n", millions);
    } else if (strncmp(line, "disk ", 5) == 0)
      disk(line + 5);
    else
      printf("you typed: %s\n", line);
  }
  return 0;
}
