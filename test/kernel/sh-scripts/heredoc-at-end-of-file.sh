cat <<E
body
