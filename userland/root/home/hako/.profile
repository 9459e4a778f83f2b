# ~/.profile for hako
HOME=/home/hako
export HOME
