/* Structs with bit-fields whose layout must match gcc -m32 (i386 System V).
 * Read by test/c/layout.test.ts: for every struct S it expects the object
 * S_size = { sizeof, _Alignof } and, for every named field F, an object
 * S_F: a zeroed S with F set to all ones, so the bytes show where F lives.
 * The test compiles this with `gcc -m32 -S` and with our compiler and
 * compares the bytes of every object. */

enum color { RED, GREEN, BLUE, WHITE };
enum sign { NEG = -1, ZERO, POS };

struct t1 { unsigned a : 3; int b : 5; unsigned c : 1; int d : 7; unsigned e : 16; };
struct t2 { char a; int b : 4; };
struct t3 { char a; int : 4; char b; };
struct t4 { char a; int : 0; char b; };
struct t5 { char a; short b : 9; short c : 9; };
struct t6 { int a : 30; int b : 4; };
struct t7 { char a : 3; char b : 6; char c : 7; };
struct t8 { unsigned a : 1; unsigned : 0; unsigned b : 1; };
struct t9 { _Bool a : 1; _Bool b : 1; unsigned char c : 6; _Bool d : 1; };
struct t10 { enum color a : 2; enum sign b : 2; enum color c : 3; };
struct t11 { short a; int b : 17; char c; };
struct t12 { unsigned a : 32; unsigned b : 1; };
struct t13 { char a[3]; unsigned b : 12; unsigned c : 12; };
struct t14 { int a : 3; struct { char x; } s; int b : 3; };
struct t15 { unsigned short a : 3; unsigned : 7; unsigned short b : 7; };
struct t16 { char a; unsigned : 0; };
union t17 { int a : 3; char b; unsigned c : 20; };
struct t18 { unsigned char a : 4; unsigned short b : 12; unsigned c : 20; unsigned char d : 8; };

#define ONES (-1)

unsigned t1_layout[] = { sizeof(struct t1), _Alignof(struct t1) };
struct t1 t1_a = { .a = ONES }, t1_b = { .b = ONES }, t1_c = { .c = ONES }, t1_d = { .d = ONES }, t1_e = { .e = ONES };
unsigned t2_layout[] = { sizeof(struct t2), _Alignof(struct t2) };
struct t2 t2_a = { .a = ONES }, t2_b = { .b = ONES };
unsigned t3_layout[] = { sizeof(struct t3), _Alignof(struct t3) };
struct t3 t3_a = { .a = ONES }, t3_b = { .b = ONES };
unsigned t4_layout[] = { sizeof(struct t4), _Alignof(struct t4) };
struct t4 t4_a = { .a = ONES }, t4_b = { .b = ONES };
unsigned t5_layout[] = { sizeof(struct t5), _Alignof(struct t5) };
struct t5 t5_a = { .a = ONES }, t5_b = { .b = ONES }, t5_c = { .c = ONES };
unsigned t6_layout[] = { sizeof(struct t6), _Alignof(struct t6) };
struct t6 t6_a = { .a = ONES }, t6_b = { .b = ONES };
unsigned t7_layout[] = { sizeof(struct t7), _Alignof(struct t7) };
struct t7 t7_a = { .a = ONES }, t7_b = { .b = ONES }, t7_c = { .c = ONES };
unsigned t8_layout[] = { sizeof(struct t8), _Alignof(struct t8) };
struct t8 t8_a = { .a = ONES }, t8_b = { .b = ONES };
unsigned t9_layout[] = { sizeof(struct t9), _Alignof(struct t9) };
struct t9 t9_a = { .a = 1 }, t9_b = { .b = 1 }, t9_c = { .c = ONES }, t9_d = { .d = 1 };
unsigned t10_layout[] = { sizeof(struct t10), _Alignof(struct t10) };
struct t10 t10_a = { .a = WHITE }, t10_b = { .b = NEG }, t10_c = { .c = 7 };
unsigned t11_layout[] = { sizeof(struct t11), _Alignof(struct t11) };
struct t11 t11_a = { .a = ONES }, t11_b = { .b = ONES }, t11_c = { .c = ONES };
unsigned t12_layout[] = { sizeof(struct t12), _Alignof(struct t12) };
struct t12 t12_a = { .a = ONES }, t12_b = { .b = ONES };
unsigned t13_layout[] = { sizeof(struct t13), _Alignof(struct t13) };
struct t13 t13_a = { .a = { ONES, ONES, ONES } }, t13_b = { .b = ONES }, t13_c = { .c = ONES };
unsigned t14_layout[] = { sizeof(struct t14), _Alignof(struct t14) };
struct t14 t14_a = { .a = ONES }, t14_s = { .s = { ONES } }, t14_b = { .b = ONES };
unsigned t15_layout[] = { sizeof(struct t15), _Alignof(struct t15) };
struct t15 t15_a = { .a = ONES }, t15_b = { .b = ONES };
unsigned t16_layout[] = { sizeof(struct t16), _Alignof(struct t16) };
struct t16 t16_a = { .a = ONES };
unsigned t17_layout[] = { sizeof(union t17), _Alignof(union t17) };
union t17 t17_a = { .a = ONES }, t17_b = { .b = ONES }, t17_c = { .c = ONES };
unsigned t18_layout[] = { sizeof(struct t18), _Alignof(struct t18) };
struct t18 t18_a = { .a = ONES }, t18_b = { .b = ONES }, t18_c = { .c = ONES }, t18_d = { .d = ONES };
/* Positional initializers skip unnamed bit-fields. */
struct t3 t3_positional = { 1, 2 };
struct t15 t15_positional = { 5, 100 };
