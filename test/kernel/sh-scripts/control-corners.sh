# control flow corners
f() { for i in 1 2 3; do if [ $i = 2 ]; then return $i; fi; done; }
f; echo "f=$?"
g() { while true; do break; done; echo after-break; }
g
c=0; while [ $c -lt 3 ]; do c=$((c+1)); case $c in 2) continue;; esac; echo c=$c; done
for x in a b; do
  for y in 1 2; do
    [ $y = 2 ] && break
    echo $x$y
  done
done
if ! false; then echo negated; fi
while false; do :; done; echo "while-none=$?"
for z in; do echo never; done; echo "for-empty=$?"
case abc in
  a??) echo three ;;
esac
case "x*y" in
  x\*y) echo escaped-star ;;
esac
case foo in f[aeiou]o) echo class;; esac
case - in [!a-z]) echo negclass;; esac
{ echo g1; echo g2; } > out; cat out
x=$( { echo inner; } ); echo $x
echo $( (echo sub-in-subst) )
true | false; echo "pipe-status=$?"
false | true; echo "pipe-status2=$?"
