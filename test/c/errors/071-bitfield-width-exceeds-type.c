// expect: 2:30: width of 'big' exceeds its type
struct flags { unsigned char big : 9; };
int main(void) { return 0; }
