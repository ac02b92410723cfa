# Helpers the demo and benchmark scripts share; sourced, not run.

# A heading for the next step of a demo.
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# A TCP port nobody listens on right now on the loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# "median (lowest)" of the numbers on stdin, one a line; "-" when there are none.
median_lowest() {
  sort -n | awk '{a[NR]=$1} END {if (NR) printf "%s (%s)", a[int((NR+1)/2)], a[1]; else printf "-"}'
}

# The AWS CLI against $endpoint (moto).
aws_() { aws --endpoint-url "$endpoint" "$@"; }

# Waits (30 s at most) until something listens on loopback port $1, with a bare TCP connect: an HTTP
# probe would spend one of moto's unchecked actions.
wait_for_port() {
  python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
PY
}

# Starts OpenSSH's sshd in the background on 127.0.0.1:$2 for a partner's folder $1, which holds its
# host_key and authorized_keys; it logs to $1/sshd.log, and $! is its process id.
start_partner_sshd() {
  [ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
  cat >"$1/sshd_config" <<CONFIG
Port $2
ListenAddress 127.0.0.1
HostKey $1/host_key
AuthorizedKeysFile $1/authorized_keys
PasswordAuthentication no
UsePAM no
StrictModes no
PidFile none
Subsystem sftp internal-sftp
CONFIG
  /usr/sbin/sshd -D -e -f "$1/sshd_config" 2>"$1/sshd.log" &
}

# Makes the IAM user `operator`, allowed everything, and exports its access key as the credentials
# of every later call: four calls made as `setup`, which moto must still take unchecked
# (INITIAL_NO_AUTH_ACTION_COUNT).
become_operator() {
  export AWS_ACCESS_KEY_ID=setup AWS_SECRET_ACCESS_KEY=setup
  aws_ iam create-user --user-name operator >/dev/null
  local policy
  policy=$(aws_ iam create-policy --policy-name operator --query Policy.Arn --output text \
    --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}')
  aws_ iam attach-user-policy --user-name operator --policy-arn "$policy"
  read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY < <(aws_ iam create-access-key --user-name operator \
    --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
}
