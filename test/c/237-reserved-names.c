/*
 * C names that are also register names or assembler keywords: globals,
 * arrays, functions and statics called sp, eax, byte, dword, ptr, equ,
 * cr0, al... The compiler writes them as `$name` in its assembly, the
 * assembler's escape for "a symbol, not a register". A global `sp` used to
 * fail with "bad register 'sp'".
 */
#include "test.h"

int sp = 5;
int eax = 7;
char byte = 1;
int dword[3] = {10, 20, 30};
short word = 3;
int ptr = 4;
int equ = 6;
int cr0 = 8;
int cr4;
char al = 'a';
int *psp = &sp;
int *table[2] = {&eax, &dword[2]};

int esp(int x) { return x + 100; }
static int bl(int x) { return x * 3; }
int (*ebx)(int) = esp;

struct point { int x, y; } ax = {1, 2};

int main(void) {
  static int ecx = 9;
  int edx = 11;
  ASSERT(5, sp);
  ASSERT(7, eax);
  ASSERT(1, byte);
  ASSERT(30, dword[2]);
  ASSERT(3, word);
  ASSERT(4, ptr);
  ASSERT(6, equ);
  ASSERT(8, cr0);
  ASSERT('a', al);
  ASSERT(5, *psp);
  ASSERT(7, *table[0]);
  ASSERT(30, *table[1]);
  ASSERT(101, esp(1));
  ASSERT(12, bl(4));
  ASSERT(102, ebx(2));
  ASSERT(2, ax.y);
  sp += eax;
  byte = (char)(byte + 1);
  dword[0] = sp + dword[1];
  cr4 = ecx + edx;
  ASSERT(12, sp);
  ASSERT(2, byte);
  ASSERT(32, dword[0]);
  ASSERT(20, cr4);
  ASSERT(12, *psp);
  return 0;
}
