trap 'echo got USR1' USR1
kill -USR1 $$
echo after-usr1
trap 'echo int-trap' INT
kill -INT $$
echo after-int
trap - INT
trap '' TERM; kill -TERM $$; echo term-ignored
trap 'echo in-exit; exit 5' EXIT
f() { echo in-f; exit 2; }
f
echo never
