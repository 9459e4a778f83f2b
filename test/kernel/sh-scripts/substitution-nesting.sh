x=$(cat <<EOF
from heredoc in subst
EOF
)
echo "$x"
y=$(echo "paren ) inside"; echo 'and ( this')
echo "$y"
z=$(case a in (a) echo with-open-paren;; esac)
echo $z
w="$(echo "$(echo "deeply \"nested\"")")"
echo "$w"
echo $(echo a # comment )
)
v=`echo "back \`echo nested\`"`
echo "$v"
echo "$(printf '%s\n' 'a  b')"
n=$(( $(echo 3) + $(echo 4) ))
echo $n
arr="1 2 3"; sum=0; for k in $arr; do sum=$((sum + k)); done; echo $sum
i=5; echo $((i+1)) $i
echo $((i += 10)) $i
echo $(( (1 << 4) | 3 )) $(( 10 > 3 && 2 < 1 )) $(( 3 ? 4 : 5 ))
