/* A small tokenizer: splits an arithmetic expression into numbers,
   identifiers and operators, using ctype and strtol. */
#include "test.h"
#include <ctype.h>

#define TOK_NUM 1
#define TOK_IDENT 2
#define TOK_OP 3

struct token { int kind; long num; char text[16]; };

static int tokenize(const char *s, struct token *out, int max)
{
    int n = 0;
    while (*s && n < max) {
        if (isspace((unsigned char)*s)) {
            s++;
        } else if (isdigit((unsigned char)*s)) {
            char *end;
            out[n].kind = TOK_NUM;
            out[n].num = strtol(s, &end, 0);
            s = end;
            n++;
        } else if (isalpha((unsigned char)*s) || *s == '_') {
            int len = 0;
            out[n].kind = TOK_IDENT;
            while ((isalnum((unsigned char)*s) || *s == '_') && len < 15)
                out[n].text[len++] = *s++;
            out[n].text[len] = 0;
            n++;
        } else {
            out[n].kind = TOK_OP;
            out[n].text[0] = *s++;
            out[n].text[1] = 0;
            n++;
        }
    }
    return n;
}

int main(void)
{
    struct token t[16];
    int n = tokenize("  count_1 = 0x1F * (rate + 42)", t, 16);
    ASSERT(9, n);
    ASSERT(TOK_IDENT, t[0].kind);
    ASSERT_STR("count_1", t[0].text);
    ASSERT_STR("=", t[1].text);
    ASSERT(TOK_NUM, t[2].kind);
    ASSERT(31, t[2].num);
    ASSERT_STR("rate", t[5].text);
    ASSERT(42, t[7].num);
    ASSERT(')', t[8].text[0]);
    return 0;
}
