/*
 * Flag-vector generator: runs each ALU instruction on this x86-64 host (with
 * 32-bit operand size) over edge operands and prints what real hardware did
 * as JSON. test/emulator/cpu-flags.test.ts checks Hako's CPU against every
 * vector, masking the flags x86 leaves undefined.
 *
 * Build and run:  gcc -O1 -o /tmp/gen-flags gen-flags.c && /tmp/gen-flags > flags.json
 *
 * Each vector: op, a, b (second operand or shift count), fin (eflags before),
 * r (result: eax / destination), d (edx after, for mul/div), fout (eflags
 * after), mask (flags defined for this case), de (1 if the divide faults: no
 * result then).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CF 0x1
#define PF 0x4
#define ZF 0x40
#define SF 0x80
#define OF 0x800
#define ARITH (CF | PF | ZF | SF | OF)

static const uint32_t EDGE[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678};
#define NEDGE (sizeof EDGE / sizeof EDGE[0])
static const uint32_t COUNTS[] = {0, 1, 2, 7, 31, 32, 33, 63};
#define NCOUNTS (sizeof COUNTS / sizeof COUNTS[0])
static const uint64_t FIN[] = {0, ARITH};
static int first = 1;

static void emit(const char *op, uint32_t a, uint32_t b, uint64_t fin, uint32_t r, uint32_t d, uint64_t fout, uint32_t mask, int de) {
  printf("%s  {\"op\":\"%s\",\"a\":%u,\"b\":%u,\"fin\":%u,\"r\":%u,\"d\":%u,\"fout\":%u,\"mask\":%u,\"de\":%d}",
         first ? "" : ",\n", op, a, b, (uint32_t)(fin & ARITH), r, d, (uint32_t)(fout & ARITH), mask, de);
  first = 0;
}

/* Run "insn" with eax=a, ecx=b (cl for shifts), edx=d, flags=fin; collect eax, edx, flags. */
#define RUN2(insn, a, b, dIn, fin, r, d, fout)                                        \
  do {                                                                            \
    uint64_t f_ = (fin) | 0x202; uint32_t ra_ = (a), rc_ = (b), rd_ = (dIn);       \
    __asm__ volatile("pushq %[f]\n\tpopfq\n\t" insn "\n\tpushfq\n\tpopq %[f]"     \
                     : [f] "+r"(f_), "+a"(ra_), "+c"(rc_), "+d"(rd_) : : "cc");     \
    (r) = ra_; (d) = rd_; (fout) = f_;                                            \
  } while (0)

#define BINARY(name, insn, mask)                                                   \
  for (unsigned i = 0; i < NEDGE; i++)                                             \
    for (unsigned j = 0; j < NEDGE; j++)                                           \
      for (unsigned k = 0; k < 2; k++) {                                           \
        uint32_t r, d; uint64_t fo;                                                \
        RUN2(insn, EDGE[i], EDGE[j], 0, FIN[k], r, d, fo);                         \
        emit(name, EDGE[i], EDGE[j], FIN[k], r, d, fo, mask, 0);                   \
      }

#define UNARY(name, insn, mask)                                                    \
  for (unsigned i = 0; i < NEDGE; i++)                                             \
    for (unsigned k = 0; k < 2; k++) {                                             \
      uint32_t r, d; uint64_t fo;                                                  \
      RUN2(insn, EDGE[i], 0, 0, FIN[k], r, d, fo);                                 \
      emit(name, EDGE[i], 0, FIN[k], r, d, fo, mask, 0);                           \
    }

/* Shifts: count 0 leaves every flag; count 1 defines OF; larger counts leave OF undefined. */
#define SHIFT(name, insn, maskOne, maskMany)                                       \
  for (unsigned i = 0; i < NEDGE; i++)                                             \
    for (unsigned j = 0; j < NCOUNTS; j++)                                         \
      for (unsigned k = 0; k < 2; k++) {                                           \
        uint32_t r, d; uint64_t fo; uint32_t c = COUNTS[j] & 31;                   \
        RUN2(insn, EDGE[i], COUNTS[j], 0, FIN[k], r, d, fo);                       \
        emit(name, EDGE[i], COUNTS[j], FIN[k], r, d, fo,                           \
             c == 0 ? ARITH : c == 1 ? (maskOne) : (maskMany), 0);                 \
      }

int main(void) {
  printf("[\n");
  BINARY("add", "addl %%ecx, %%eax", ARITH)
  BINARY("adc", "adcl %%ecx, %%eax", ARITH)
  BINARY("sub", "subl %%ecx, %%eax", ARITH)
  BINARY("sbb", "sbbl %%ecx, %%eax", ARITH)
  BINARY("and", "andl %%ecx, %%eax", ARITH)
  BINARY("or", "orl %%ecx, %%eax", ARITH)
  BINARY("xor", "xorl %%ecx, %%eax", ARITH)
  BINARY("cmp", "cmpl %%ecx, %%eax", ARITH)
  BINARY("test", "testl %%ecx, %%eax", ARITH)
  UNARY("inc", "incl %%eax", ARITH)
  UNARY("dec", "decl %%eax", ARITH)
  UNARY("neg", "negl %%eax", ARITH)
  SHIFT("shl", "shll %%cl, %%eax", ARITH, CF | PF | ZF | SF)
  SHIFT("shr", "shrl %%cl, %%eax", ARITH, CF | PF | ZF | SF)
  SHIFT("sar", "sarl %%cl, %%eax", ARITH, CF | PF | ZF | SF)
  /* Rotates change only CF and OF; SF ZF PF must come out as they went in. */
  SHIFT("rol", "roll %%cl, %%eax", ARITH, CF | PF | ZF | SF)
  SHIFT("ror", "rorl %%cl, %%eax", ARITH, CF | PF | ZF | SF)
  /* One-operand multiply: edx:eax = eax * ecx. Only CF and OF are defined. */
  BINARY("mul", "mull %%ecx", CF | OF)
  BINARY("imul", "imull %%ecx", CF | OF)
  /* Two-operand imul: eax = eax * ecx truncated. */
  BINARY("imul2", "imull %%ecx, %%eax", CF | OF)
  /* Division: edx:eax / ecx, no flags defined. Faulting cases are computed, not run. */
  for (unsigned h = 0; h < NEDGE; h++)
    for (unsigned i = 0; i < NEDGE; i++)
      for (unsigned j = 0; j < NEDGE; j++) {
        uint32_t hi = EDGE[h], lo = EDGE[i], dv = EDGE[j], r = 0, d = 0; uint64_t fo = 0;
        unsigned __int128 un = ((unsigned __int128)hi << 32) | lo;
        int de = dv == 0 || un / dv > 0xffffffffu;
        if (!de) { RUN2("divl %%ecx", lo, dv, hi, 0, r, d, fo); }
        printf(",\n  {\"op\":\"div\",\"a\":%u,\"b\":%u,\"h\":%u,\"fin\":0,\"r\":%u,\"d\":%u,\"fout\":0,\"mask\":0,\"de\":%d}", lo, dv, hi, r, d, de);
        __int128 sn = (__int128)(int64_t)(((uint64_t)hi << 32) | lo);
        int64_t sd = (int32_t)dv;
        de = sd == 0;
        if (!de) { __int128 q = sn / sd; de = q > INT32_MAX || q < INT32_MIN; }
        r = d = 0;
        if (!de) { RUN2("idivl %%ecx", lo, dv, hi, 0, r, d, fo); }
        printf(",\n  {\"op\":\"idiv\",\"a\":%u,\"b\":%u,\"h\":%u,\"fin\":0,\"r\":%u,\"d\":%u,\"fout\":0,\"mask\":0,\"de\":%d}", lo, dv, hi, r, d, de);
      }
  printf("\n]\n");
  return 0;
}
