# set -x traces each command to stderr (here joined to stdout)
sh -x -c 'x=1; echo "$x" two; f() { :; }; f arg' 2>&1
(set -x; y=$((2 + 3)); echo $y) 2>&1
# read -p prompts only on a terminal: nothing here
printf 'v\n' | sh -c 'read -p "prompt> " a 2>&1; echo "[$a]"'
