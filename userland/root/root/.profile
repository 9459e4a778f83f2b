# ~/.profile for root
PS1='# '
export PS1
