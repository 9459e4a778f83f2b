/* crc32: table-driven CRC-32 (IEEE, reflected) over a generated buffer;
   unsigned shifts, xors and table loads. */
#include <stdio.h>

#define SIZE 65536
#define ROUNDS 4

static unsigned table[256];
static unsigned char buffer[SIZE];

static void make_table(void)
{
    unsigned n, c;
    int k;
    for (n = 0; n < 256; n++) {
        c = n;
        for (k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static unsigned crc(const unsigned char *p, int len)
{
    unsigned c = 0xFFFFFFFFu;
    while (len-- > 0)
        c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

int bench_main(void)
{
    int i, r;
    unsigned acc = 0;
    make_table();
    for (i = 0; i < SIZE; i++)
        buffer[i] = (unsigned char)(i * 7 + (i >> 8));
    for (r = 0; r < ROUNDS; r++) {
        buffer[r] ^= 0x5A;
        acc ^= crc(buffer, SIZE);
    }
    return (int)acc;
}

int main(void)
{
    unsigned r;
    /* the standard check value: CRC-32 of "123456789" is 0xCBF43926 */
    make_table();
    if (crc((const unsigned char *)"123456789", 9) != 0xCBF43926u)
        return 2;
    r = (unsigned)bench_main();
    printf("crc32 checksum %08x\n", r);
    return r == 0x97653b5bu ? 0 : 1;
}
