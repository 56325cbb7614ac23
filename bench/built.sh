# Sourced by the bench scripts: builds with cargo and prints where the named binary was put,
# read from cargo's own messages, so that the scripts do not depend on the target folder's
# layout (target/release/ for the host, target/<target>/release/ for a named target).
#
# Usage: ksb=$(built_executable ksb --release --locked --bin ksb)

built_executable() {
    local name=$1
    shift
    cargo build --message-format=json-render-diagnostics "$@" |
        python3 -c '
import json, sys
name = sys.argv[1]
paths = [m["executable"] for m in map(json.loads, sys.stdin)
         if m.get("reason") == "compiler-artifact" and m.get("executable")
         and m["target"]["name"] == name]
if not paths:
    sys.exit("cargo built no executable named " + name)
print(paths[-1])' "$name"
}
