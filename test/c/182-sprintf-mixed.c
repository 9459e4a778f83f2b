/* A realistic format string mixing many conversions and flags, the way a
   kernel log line or a table row is printed. */
#include "test.h"

struct proc { int pid; const char *name; unsigned mem; char state; };

int main(void)
{
    char line[128];
    struct proc p = { 42, "init", 0x1F000, 'S' };
    int n = sprintf(line, "%5d %-8s %08x %c %3u%%", p.pid, p.name, p.mem,
                    p.state, 75u);
    ASSERT_STR("   42 init     0001f000 S  75%", line);
    ASSERT(30, n);
    sprintf(line, "[%s:%d] %s=%#x (%+d)", "file.c", 12, "flags", 0x30, -1);
    ASSERT_STR("[file.c:12] flags=0x30 (-1)", line);
    sprintf(line, "%c%c%s%c", '<', '<', "mid", '>');
    ASSERT_STR("<<mid>", line);
    return 0;
}
