# here-docs and redirections
cat << 'E1' | cat
line with $dollar and `backtick`
E1
n=5
cat <<E2
n=$n arith=$((n*2)) cmd=$(echo out)
escaped \$n backslash \\ other \q
E2
cat <<-E3
		indented
	E3
exec 5>five; echo to-five >&5; exec 5>&-; cat five
cat 0<five
echo both > b1 2>&1; cat b1
(echo sub-out; echo sub-err >&2) 2>&1 | cat
echo x 2>/dev/null >/dev/null; echo "null=$?"
cat nonexistent 2>/dev/null; echo "missing=$?"
: > empty; cat empty; echo "empty=$?"
echo appended >> empty; echo again >> empty; cat empty
read first < empty; echo "$first"
3<empty read -u 3 x 2>/dev/null; true
while read l; do echo "[$l]"; done <<EOF
a b
  c  
