#!/bin/sh
# measure-gcc.sh: measures gcc -O0's dynamic instruction count for each
# benchmark program in this directory and writes gcc-baseline.json.
#
# Method: gcc -std=c99 -O0 -m32 -fno-pie -no-pie (32-bit x86, a plain
# non-PIC executable like ours, so no PC-thunk calls inflate the count);
# run under valgrind --tool=callgrind --toggle-collect=bench_main, which
# counts the instructions executed (Ir) from entry to return of bench_main,
# including everything it calls, and nothing else (no startup, no printf).
# Each program must exit 0 (its self-check) or the script fails.
# Needs: gcc with 32-bit support (gcc-multilib), valgrind.
set -eu
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gccv=$(gcc -dumpfullversion)
vgv=$(valgrind --version)
method="gcc $gccv -std=c99 -O0 -m32 -fno-pie -no-pie; $vgv callgrind --toggle-collect=bench_main, Ir (instructions executed in bench_main and its callees)"
json="{"
sep=""
for src in fib sieve quicksort crc32 strings matmul dhrystone; do
    gcc -std=c99 -w -O0 -m32 -fno-pie -no-pie "$src.c" -o "$out/$src"
    "$out/$src" >/dev/null || { echo "$src: self-check failed" >&2; exit 1; }
    valgrind --tool=callgrind --callgrind-out-file="$out/$src.cg" \
        --toggle-collect=bench_main "$out/$src" >/dev/null 2>"$out/$src.log"
    n=$(sed -n 's/^totals: *//p' "$out/$src.cg")
    [ -n "$n" ] || { echo "$src: no callgrind totals" >&2; exit 1; }
    echo "$src $n"
    json="$json$sep
  \"$src\": { \"instructions\": $n, \"method\": \"$method\" }"
    sep=","
done
printf '%s\n}\n' "$json" > gcc-baseline.json
echo "wrote $(pwd)/gcc-baseline.json"
