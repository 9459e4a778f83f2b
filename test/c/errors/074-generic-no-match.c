// expect: 3:32: is not compatible with any association
int main(void) {
    return (int)sizeof(char) + _Generic(1L, int: 1, char: 2);
}
