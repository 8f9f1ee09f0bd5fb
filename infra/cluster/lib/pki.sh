# Certificates and kubeconfigs, made with openssl: one CA for everything. Kept between runs (a
# file that exists is not made again), so a warm start skips this.

make_pki() {
  (
    cd "$PKI"
    if [[ ! -f ca.key ]]; then
      openssl genrsa -out ca.key 2048 2>/dev/null
      openssl req -x509 -new -nodes -key ca.key -sha256 -days 3650 -subj /CN=blog-ci-ca -out ca.crt
    fi
    if [[ ! -f service-accounts.key ]]; then
      openssl genrsa -out service-accounts.key 2048 2>/dev/null
      openssl rsa -in service-accounts.key -pubout -out service-accounts.pub 2>/dev/null
    fi
    local api_names="DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
    api_names+=",DNS:kubernetes.default.svc.cluster.local,DNS:localhost"
    api_names+=",IP:$KUBERNETES_SERVICE_IP,IP:$NODE_IP,IP:127.0.0.1"
    certificate apiserver kube-apiserver '' serverAuth "$api_names"
    certificate apiserver-kubelet-client kube-apiserver-kubelet-client system:masters clientAuth
    certificate admin blog-ci-admin system:masters clientAuth
    certificate controller-manager system:kube-controller-manager '' clientAuth
    certificate scheduler system:kube-scheduler '' clientAuth
    certificate kube-proxy system:kube-proxy system:node-proxier clientAuth
    certificate kube-router system:kube-router '' clientAuth
    certificate kubelet "system:node:$NODE_NAME" system:nodes clientAuth
    certificate kubelet-serving "$NODE_NAME" '' serverAuth "DNS:$NODE_NAME,IP:$NODE_IP"
  )
  local user
  for user in admin controller-manager scheduler kube-proxy kube-router kubelet; do
    kubeconfig "$user"
  done
}

# certificate NAME COMMON-NAME ORGANISATION EXTENDED-KEY-USAGE [SUBJECT-ALT-NAMES]
certificate() {
  local name=$1 common_name=$2 organisation=$3 usage=$4 alt_names=${5:-}
  [[ -f $name.crt ]] && return 0
  local subject="/CN=$common_name"
  [[ -n $organisation ]] && subject="/O=$organisation/CN=$common_name"
  openssl genrsa -out "$name.key" 2048 2>/dev/null
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  {
    echo 'basicConstraints=CA:FALSE'
    echo 'keyUsage=critical,digitalSignature,keyEncipherment'
    echo "extendedKeyUsage=$usage"
    [[ -n $alt_names ]] && echo "subjectAltName=$alt_names"
  } >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -sha256 -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

kubeconfig() {
  local user=$1
  cat >"$CONF/$user.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: blog-ci
    cluster:
      server: https://$NODE_IP:6443
      certificate-authority-data: $(base64 -w0 <"$PKI/ca.crt")
users:
  - name: $user
    user:
      client-certificate-data: $(base64 -w0 <"$PKI/$user.crt")
      client-key-data: $(base64 -w0 <"$PKI/$user.key")
contexts:
  - name: blog-ci
    context: { cluster: blog-ci, user: $user }
current-context: blog-ci
EOF
}
