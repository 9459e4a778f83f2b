# quoting corner cases
echo "a\"b" 'c"d' "e'f" \$g "\\" "\$" '\n'
echo "${undefined:-"quoted default"}" ${undefined:-'single'}
x='a b'; echo "${x}" ${x} "${x:+"$x!"}"
set -- "one two" three
echo "${1}" ${2} "${#}" "$@"
y="$*"; echo "$y"
echo $(echo "a   b") "$(printf 'x\ny')"
echo ~ ~/x "~"
z=~; echo $z
echo a\ b 'c'd"e"f
echo ""; echo '' x
IFS=; v="p q"; set -- $v; echo $#; unset IFS
echo $((1+2))$((3*4))
echo ${#1} "${10:-ten}"
a=1 b=2; echo $a$b
echo '$(' "$(echo ')')"
