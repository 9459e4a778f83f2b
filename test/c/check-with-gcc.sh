#!/bin/sh
# check-with-gcc.sh: builds and runs every test/c/*.c with the host's gcc
# (32-bit, C99, -O0) to prove that the tests themselves are right before they
# judge our compiler. With --strict it also runs each under -O2 and under
# UndefinedBehaviorSanitizer, which catches tests that lean on undefined
# behaviour. Then checks that gcc rejects each file in test/c/errors that the
# README marks as an error gcc also reports.
# Exit status: 0 when all pass.
set -u
cd "$(dirname "$0")" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
strict=0
[ "${1:-}" = "--strict" ] && strict=1
pass=0
fail=0
run() { # flags... file
    file=$1; shift
    if ! gcc -std=c99 -w -m32 -I. "$@" "$file" -o "$out/a.out" 2>"$out/err"; then
        echo "FAIL (compile $*) $file"; cat "$out/err"; return 1
    fi
    if ! "$out/a.out" >"$out/log" 2>&1; then
        echo "FAIL (run $*) $file"; cat "$out/log"; return 1
    fi
    return 0
}
for f in [0-9]*.c; do
    ok=1
    run "$f" -O0 || ok=0
    if [ $strict = 1 ] && [ $ok = 1 ]; then
        run "$f" -O2 || ok=0
        run "$f" -O0 -fsanitize=undefined -fno-sanitize-recover=all || ok=0
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "programs: $pass passed, $fail failed"
# Negative tests: gcc must reject every file not marked "gcc-accepts".
epass=0
efail=0
for f in errors/*.c; do
    [ -e "$f" ] || continue
    if head -2 "$f" | grep -q '^// gcc-accepts'; then continue; fi
    if gcc -std=c99 -m32 -I. -Iinc -fsyntax-only -Werror=implicit-function-declaration \
           -Werror=int-conversion -Werror=incompatible-pointer-types -pedantic-errors \
           "$f" >/dev/null 2>&1; then
        echo "FAIL (gcc accepted) $f"; efail=$((efail + 1))
    else
        epass=$((epass + 1))
    fi
done
echo "errors: $epass rejected by gcc as expected, $efail accepted"
[ $fail = 0 ] && [ $efail = 0 ]
