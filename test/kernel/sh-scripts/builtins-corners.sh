# builtins
printf '%s\n' "a b" c
printf '%3d|%-3d|%03d\n' 1 2 3
printf '%x %o %c %s\n' 255 8 A
printf '%.3s|%5.1s|\n' abcdef xyz
printf 'a\tb\\n\n'
printf '%s %s\n' 1 2 3
printf '%b' 'x\ny\n'
printf '%%d\n'
printf '%d\n' 0x10 010 -5
echo -n a; echo b
echo 'a\nb'
echo -x 2>/dev/null
test -z "" && echo z-empty
test -n x && echo n-nonempty
[ 1 -eq 1 ] && [ 2 -ne 1 ] && [ 3 -ge 3 ] && echo numbers
[ a = a -a b != c ] && echo and-or
[ ! -d /nonexistent ] && echo not-dir
[ -f /etc/passwd ] && echo etc-passwd
test; echo "bare-test=$?"
export E=exported; sh -c 'echo $E'
readonly RO=1; RO=2 2>/dev/null; echo "RO=$RO"
unset RO 2>/dev/null; echo "RO=$RO"
alias ll='echo long listing'
eval ll
unalias ll; eval ll 2>/dev/null; echo "unaliased=$?"
eval 'echo $((2+2))'
command echo via-command
command -v echo
x=1; x=2 true; echo "x=$x"
shift 2>/dev/null; echo "shift-none=$?"
