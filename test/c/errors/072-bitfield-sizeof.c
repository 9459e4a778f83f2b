// expect: 4:12: 'sizeof' applied to a bit-field
struct flags { unsigned a : 3; } f;
int main(void) {
    return sizeof f.a;
}
