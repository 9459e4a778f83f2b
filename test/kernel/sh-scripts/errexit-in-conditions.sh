set -e
f() { false; echo not-here; }
if f; then echo if-f-true; fi
echo reached
x=$(false) || echo subst-failed
g() { return 1; }
g || echo g-failed
false
echo never
