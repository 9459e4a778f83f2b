v=before
v=after eval 'echo $v'
echo $v
for i in 1 2 3; do
  echo $i
done > loop.out; cat loop.out
i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done 2>&1 | cat
echo ${v#af} ${v%er} ${v##*t} ${v%%f*}
p="a*b"; echo ${p%\*b} ${p#"a*"}
s="hello world"; echo ${s%% *} ${s#* }
IFS=o; set -- $s; echo $# "$1" "$2" "$3"; IFS=' 	
'
echo "${s:+set}" "${s:-unset}"
unset s; echo "[${s-u}]" "[${s:+x}]"
q=; echo "[${q-u}]" "[${q:-e}]" "[${q+p}]" "[${q:+x}]"
: ${w:=assigned}; echo $w
echo $(( 010 + 0x1f )) $(( -5 / 2 )) $(( 7 % -3 ))
