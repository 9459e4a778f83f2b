// The shell against dash: a table of POSIX sh scripts, each run by our
// /bin/sh on the booted kernel and by dash (/usr/bin/dash) on the host,
// both in an empty working directory with the same arguments; their
// standard output and exit status must be the same. dash's output is
// produced here, by running it, not written down. Error messages differ
// between shells, so stderr is left out of the comparison (2>/dev/null);
// the scripts stay deterministic (no pids, times, or host paths).
// Grouped by concept: grammar, expansions, builtins, scripts; corner cases
// live as files in test/kernel/sh-scripts/.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';
import { outputOf, SHELL_PROMPT, userlandDisk } from './shell-session.ts';

const DASH = '/usr/bin/dash';

interface Case { name: string; script: string; args?: string[] }

const GRAMMAR: Case[] = [
  { name: 'if-elif-else', script: `
for n in 1 2 3; do
  if [ $n = 1 ]; then echo one
  elif [ $n = 2 ]
  then
    echo two
  else echo other; fi
done
if false; then :; fi; echo "if-none=$?"
` },
  { name: 'loops-break-continue', script: `
i=0
while [ $i -lt 10 ]; do
  i=$((i + 1))
  [ $i = 3 ] && continue
  [ $i = 6 ] && break
  echo "w$i"
done
until [ $i = 0 ]; do i=$((i - 1)); done; echo "until-done $i"
for a in x y; do for b in 1 2 3; do [ $b = 2 ] && continue 2; echo $a$b; done; done
for a in x y; do for b in 1 2; do echo $a$b; break 2; done; done
` },
  { name: 'for-without-in', args: ['p q', 'r'], script: `
for a; do echo "[$a]"; done
for a
do echo "again [$a]"; done
` },
  { name: 'case-patterns', script: `
for w in apple banana cherry 42 '*' x.c "a b"; do
  case $w in
    a*|b*) echo "$w: a or b" ;;
    [0-9]*) echo "$w: number";;
    '*') echo "star";;
    *.c) echo "$w: C file" ;;
    "a b") echo "quoted space" ;;
    *) echo "$w: other"
  esac
done
case x in (x) echo paren-form;; esac
case "" in "") echo empty-subject ;; esac
v=ch; case cherry in \${v}*) echo var-pattern;; esac
` },
  { name: 'functions', script: `
greet() { echo "hello $1 ($#)"; }
greet world a b
count() {
  local n=$1
  if [ $n -gt 0 ]; then echo $n; count $((n - 1)); fi
}
count 3
n=outer; f() { local n=inner; echo $n; }; f; echo $n
r() { return 5; echo never; }; r; echo "r=$?"
args() { echo "$#: $*"; shift; echo "after shift: $*"; }; args 1 2 3
echo "outside: $# $*"
nested() { inner() { echo inner-defined; }; }; nested; inner
` },
  { name: 'groups-and-subshells', script: `
{ echo a; echo b; } | cat
x=1; ( x=2; echo "sub $x" ); echo "main $x"
( exit 3 ); echo "sub-status $?"
{ x=3; }; echo "group $x"
cd /; ( cd /tmp && pwd ); pwd
{ (exit 3) & wait $!; echo "in-group=$?"; }
if true; then (exit 4) & wait $!; echo "in-if=$?"; fi
` },
  { name: 'pipelines-of-compounds', script: `
printf 'one\\ntwo\\nthree\\n' | while read l; do echo "line: $l"; done
printf 'b\\na\\n' | { read first; echo "first=$first"; cat; }
for i in 1 2 3; do echo $i; done | grep -v 2
x=$(for i in a b; do echo $i; done); echo "subst: $x"
y=$(case z in z) echo zed;; esac); echo $y
if true; then echo yes; fi | cat
! false; echo "bang=$?"; ! true; echo "bang2=$?"
` },
  { name: 'and-or-lists', script: `
true && echo a || echo b
false && echo c || echo d
false || false || echo e
true && { echo f; false; } || echo g
echo h; false; echo "st=$?"
` },
  { name: 'redirections', script: `
echo one > f; echo two >> f; cat f
cat < f > g; cat g
echo err 2>&1 >/dev/null | cat
{ echo to-stderr >&2; } 2>e; cat e
echo fd3 3>h >&3; cat h
exec 3< f; read a <&3; read b <&3; exec 3<&-; echo "$a $b"
exec 4>&1; exec > log; echo into-log; exec 1>&4 4>&-; cat log
echo data 1<>rw; cat rw
set -C; echo x > f 2>/dev/null || echo noclobber-refused; echo forced >| f; cat f; set +C
while read l; do echo "r:$l"; done < g
if true; then echo compound-redirected; fi > cr; cat cr
echo closed >&- 2>/dev/null; echo "after-close $?"
` },
  { name: 'here-documents', script: `
v=value
cat <<EOF
plain $v $(echo sub) \\$v
EOF
cat <<'EOF'
quoted $v $(echo sub)
EOF
cat <<-EOF
	tabs stripped $v
	EOF
cat <<A; cat <<B
first
A
second
B
f() { cat <<END
in function $1
END
}
f arg
while read x; do echo "got $x"; done <<EOF
1
2
EOF
` },
  { name: 'multi-line', script: `
if true
then
  echo multi \\
continued
fi
echo "a
b"
x=$(echo one |
  cat)
echo $x
true &&
  echo after-and
` },
];

const EXPANSIONS: Case[] = [
  { name: 'field-splitting', script: `
v="a  b   c"; for w in $v; do echo "[$w]"; done
for w in "$v"; do echo "[$w]"; done
IFS=:; p="x:y::z"; for w in $p; do echo "<$w>"; done; IFS=' 	
'
IFS=', '; l="1, 2,3"; set -- $l; echo "$# $1 $2 $3"; unset IFS
e=""; set -- $e; echo "empty: $#"; set -- "$e"; echo "quoted empty: $#"
g='*'; echo "$g"
` },
  { name: 'parameter-forms', script: `
unset u; e=; s=set
echo "1 \${u-d} \${u:-d} \${e-d} \${e:-d} \${s:-d}"
echo "2 \${u+a} \${u:+a} \${e+a} \${e:+a} \${s:+a}"
echo "3 \${u=assigned} $u \${e:=filled} $e"
echo "4 \${#s} \${#e} \${#u}"
p=/usr/local/lib/file.tar.gz
echo "5 \${p%.*} \${p%%.*} \${p#*/} \${p##*/}"
echo "6 \${p%z} \${p#nothing}"
x=aaa; echo "7 \${x#a} \${x##a*} \${x%a} \${x%%a}"
(: \${un:?gone}) 2>/dev/null; echo "8 status $?"
echo "9 \${s:+\${s}x} \${u2:-\${s}y}"
star='*'; echo "10 \${p#"$star"/}"
` },
  { name: 'positional', args: ['a b', 'c', '', 'd'], script: `
echo "$#"
for x in "$@"; do echo "at[$x]"; done
for x in $@; do echo "unq[$x]"; done
for x in "$*"; do echo "star[$x]"; done
IFS=-; echo "$*"; unset IFS
set -- 1 2 3 4 5 6 7 8 9 10 11; echo "$9 \${10} \${11} $#"
shift 3; echo "$1 $#"; shift; echo "$*"
set --; echo "none: $# [$*]"
for x in "$@"; do echo never; done; echo end
` },
  { name: 'special-parameters', script: `
false; echo "q=$?"
(exit 42); echo "q=$?"
sleep 0 & wait $!; echo "wait=$?"
(exit 7) & wait $!; echo "bg-status=$?"
[ -n "$$" ] && echo pid-set
set -u; echo "$-" | grep -q u && echo u-flag; set +u
` },
  { name: 'arithmetic-and-subst', script: `
i=3; echo $((i * 2 + 1)) $(( (i + 1) % 3 ))
echo "$(echo "nested $(echo deep)")"
echo \`echo back\`
n=0; while [ $n -lt 5 ]; do n=$((n + 1)); done; echo $n
` },
  { name: 'globbing', script: `
touch b.txt a.txt c.log
echo *.txt
echo "*.txt" '*'.txt
echo [ab]*
echo none*
set -f; echo *.txt; set +f
rm a.txt b.txt c.log
` },
];

const BUILTINS: Case[] = [
  { name: 'echo-printf', script: `
echo -n no-newline; echo
echo 'tab\\there' 'c\\cgone'
printf '%s-%s\\n' a b c d
printf '%d %i %x %X %o %c|\\n' 42 -7 255 255 8 zed
printf '[%5s][%-5s][%.2s][%05d]\\n' ab ab abc 42
printf '[%*d|%-*.*s|%5.2s|%.*d]\\n' 4 1 6 2 abc xyz 3 7
printf '%b\\n' 'esc\\ttab'
printf 'no args\\n'
printf '%s\\n'
printf '%d%%\\n' 50
` },
  { name: 'read', script: `
printf 'one two three\\n' | { read a b; echo "[$a][$b]"; }
printf '  lead  trail  \\n' | { read a; echo "[$a]"; }
printf 'x:y:z\\n' | { IFS=: read a b c; echo "$a $b $c"; }
printf 'back\\\\slash\\n' | { read a; echo "$a"; }
printf 'back\\\\slash\\n' | { read -r a; echo "$a"; }
printf 'no newline' | { read a; echo "st=$? [$a]"; }
printf 'one\\n' | { read a b; echo "[$a][$b]"; }
` },
  { name: 'vars-export-unset-readonly', script: `
x=1; export x; sh -c 'echo "child x=$x"'
y=2; sh -c 'echo "child y=[$y]"'
z=3 sh -c 'echo "prefix z=$z"'; echo "after z=[$z]"
unset x; echo "unset x=[$x]"
readonly r=5; (r=6) 2>/dev/null || echo readonly-kept; echo r=$r
f() { local v=in; echo "$v"; }; v=out; f; echo $v
` },
  { name: 'cd-pwd', script: `
cd /tmp; pwd; cd /; pwd; cd - >/dev/null; pwd
cd /nonexistent 2>/dev/null || echo cd-failed
HOME=/tmp; cd; pwd
` },
  { name: 'set-options', script: `
(set -e; echo before; false; echo not-reached); echo "e-status $?"
(set -e; false || true; if false; then :; fi; ! true; echo survived)
(set -u; echo "\${unset_var:-default}"; echo $unset_var; echo not-reached) 2>/dev/null; echo "u-status $?"
(for x in a \${nope?}; do echo never; done; echo not-reached) 2>/dev/null; echo "for-status $?"
(case \${nope?} in *) echo never;; esac; echo not-reached) 2>/dev/null; echo "case-status $?"
(echo \${nope?}; echo not-reached) 2>/dev/null; echo "command-status $?"
set -- a b; set -- "$@" c; echo "$*"
` },
  { name: 'eval-dot-command-type', script: `
eval 'x=evaluated; echo $x'
cmd='echo one; echo two'; eval "$cmd"
echo 'sourced=yes' > inc.sh; . ./inc.sh; echo "$sourced"
type cd; type :; type if; f() { :; }; type f
command -v cd; command -v f
echo() { command echo "wrapped: $*"; }; echo hi; unset -f echo; echo plain
alias hi='echo aliased'
eval hi
unalias hi
true; echo "t=$?"; false; echo "f=$?"; :; echo "colon=$?"
` },
  { name: 'trap-exit-umask', script: `
trap 'echo exit-trap $?' EXIT
umask 027; umask; umask 022; umask
(trap 'echo sub-trap' EXIT; echo in-sub)
test 1 -lt 2 && [ abc = abc ] && echo tests-ok
exit 3
` },
];

const SCRIPTS: Case[] = [
  { name: 'exec-and-syntax-errors', script: `
sh -c 'if true; then'; echo "unfinished-if $?"
sh -c 'echo ok; fi'; echo "stray-fi $?"
sh -c 'echo "open'; echo "open-quote $?"
sh -c 'exec echo replaced; echo never'; echo "exec $?"
sh -c 'exit 300'; echo "exit-mod $?"
x=${'a'.repeat(4000)}; echo \${#x}
` },
  { name: 'sh-c-and-scripts', script: `
sh -c 'echo "$0 $1 $2 $#"' zero one two
printf 'echo "script args: $# $1 $2"\\nexit 4\\n' > s.sh
sh s.sh x y; echo "status $?"
printf '#!/bin/sh\\necho "hash-bang $1"\\n' > hb; chmod 755 hb; ./hb arg; echo "hb=$?"
printf 'echo no hash-bang line $1\\n' > plain; chmod 755 plain; ./plain arg
` },
];

// corner cases kept as files (their quoting is easier to read there)
const SCRIPT_DIR = join(ROOT, 'test/kernel/sh-scripts');
const FILES: Case[] = readdirSync(SCRIPT_DIR).filter((f) => f.endsWith('.sh')).sort()
  .map((f) => ({ name: f, script: readFileSync(join(SCRIPT_DIR, f), 'latin1') }));

const ALL = [...GRAMMAR, ...EXPANSIONS, ...BUILTINS, ...SCRIPTS, ...FILES];

function guestCommand(c: Case, i: number): string {
  const args = (c.args ?? []).map((a) => `'${a}'`).join(' ');
  return `mkdir /tmp/w${i}; cd /tmp/w${i}; sh /t/${i}.sh ${args} 2>/dev/null; echo "status=$?"; cd /`;
}

function dashOutput(c: Case, i: number, bin: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dash-${i}-`));
  const file = join(dir, '..', `${dir.split('/').pop()}.sh`);
  writeFileSync(file, c.script);
  const r = spawnSync(DASH, ['-c', `${DASH} "$0" "$@" 2>/dev/null; echo "status=$?"`, file, ...(c.args ?? [])], {
    cwd: dir, encoding: 'latin1', env: { PATH: `${bin}:/usr/bin:/bin`, HOME: '/root' },
  });
  rmSync(dir, { recursive: true, force: true });
  rmSync(file, { force: true });
  return r.stdout;
}

const HEAP_LOOP = 'h1=$(grep heap /proc/$$/maps); i=0; while [ $i -lt 3000 ]; do x="${i#1} $((i * 2)) $i$i$i$i"; i=$((i + 1)); done; ' +
  'h2=$(grep heap /proc/$$/maps); [ "$h1" = "$h2" ] && echo $i heap-same || echo "$h1 -> $h2"';

describe('sh: POSIX scripts give what dash gives', () => {
  it('continues an open construct on the next line at the PS2 prompt, and names its own errors', async () => {
    const P = SHELL_PROMPT;
    const steps: Array<[string, string]> = [
      [P, 'for i in 1 2'], ['> ', 'do echo "it $i"'], ['> ', 'done'],
      [P, 'cat <<END'], ['> ', 'here $HOME'], ['> ', 'END'],
      [P, "echo 'open"], ['> ', "quote'"],
      [P, 'f() {'], ['> ', '  echo in-f "$@"'], ['> ', '}'],
      [P, 'f a b | while read l; do echo "got $l"; done'],
      [P, 'echo hi >&-; echo st=$?'],
      [P, 'printf x >&-; echo st=$?'],
      [P, 'echo unclosed )'],
      [P, 'echo after-error $?'],
      [P, 'help'],
      [P, 'type ls sh cd nosuch'],
      [P, 'times'],
      [P, 'sleep 1 & sleep 2 & wait %1; echo first=$?; wait; echo all=$?'],
      [P, HEAP_LOOP],
      [P, 'poweroff'],
    ];
    const script = steps.map(([after, send]) => ({ after, send: `${send}\r` }));
    const disk = new MemoryBlockStore(userlandDisk());
    const r = await boot({ ramMiB: 32, disks: [disk], script, budget: 800_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-3000)).toBe('off');
    expect(out).toContain('> done\nit 1\nit 2\n');
    expect(out).toContain('> END\nhere /root\n');
    expect(out).toContain("> quote'\nopen\nquote\n");
    expect(outputOf(out, 'f a b | while read l; do echo "got $l"; done')).toBe('got in-f a b\n');
    expect(outputOf(out, 'echo hi >&-; echo st=$?')).toBe('sh: echo: write error: Bad file descriptor\nst=1\n');
    expect(outputOf(out, 'printf x >&-; echo st=$?')).toBe('sh: printf: write error: Bad file descriptor\nst=1\n');
    expect(outputOf(out, 'echo unclosed )')).toBe("sh: syntax error: unexpected ')'\n");
    expect(outputOf(out, 'echo after-error $?')).toBe('after-error 2\n');
    expect(outputOf(out, 'help')).toMatch(/ cd .* printf .* wait\n.*man NAME/s);
    expect(outputOf(out, 'type ls sh cd nosuch')).toBe('ls is /bin/ls\nsh is /bin/sh\ncd is a shell builtin\nnosuch: not found\n');
    expect(outputOf(out, 'times')).toMatch(/^(\d+m\d+\.\d\ds \d+m\d+\.\d\ds\n){2}$/);
    expect(outputOf(out, 'sleep 1 & sleep 2 & wait %1; echo first=$?; wait; echo all=$?')).toMatch(/^\[1\] \d+\n\[2\] \d+\nfirst=0\nall=0\n$/);
    // a long loop gives back what each pass allocated: the heap stays put
    expect(outputOf(out, HEAP_LOOP)).toBe('3000 heap-same\n');
  });

  it('runs every script of the table as dash does (stdout and status)', async () => {
    expect(existsSync(DASH), `${DASH} is needed to produce the expected output`).toBe(true);
    // `sh` inside the scripts is dash on the host, as it is our sh in the guest
    const bin = mkdtempSync(join(tmpdir(), 'dash-bin-'));
    symlinkSync(DASH, join(bin, 'sh'));
    const expected = ALL.map((c, i) => dashOutput(c, i, bin));
    rmSync(bin, { recursive: true, force: true });

    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const scripts = ALL.map((c, i) => ({ guestPath: `/t/${i}.sh`, data: new TextEncoder().encode(c.script), mode: 0o644 }));
    const disk = buildDiskImage({ extraFiles: [...built.files, ...scripts], time: 1764000000, sizeBytes: 32 << 20 });
    const commands = ALL.map((c, i) => guestCommand(c, i));
    const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(disk)], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-3000)).toBe('off');
    ALL.forEach((c, i) => {
      expect.soft(outputOf(out, commands[i]), `${c.name}:\n${c.script}`).toBe(expected[i]);
    });
    // the comparison can fail: dash's output is not empty
    expect(expected.every((e) => e.includes('status='))).toBe(true);
  });
});
